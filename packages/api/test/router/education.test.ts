// Education and certifications through the real router and database.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp, signUp } from '../support/accounts';

const world = setUp('ada', 'bob');

describe('education and certifications', () => {
  it('education is added, edited, reordered and removed by its owner', async () => {
    const person = await signUp(world.t, 'student');
    const a = await person.api.education.create({
      institution: 'Cambridge',
      degree: 'BA',
      fieldOfStudy: 'Mathematics',
      startDate: '2010',
      endDate: '2013',
    });
    const b = await person.api.education.create({ institution: 'Open University', degree: 'MSc' });
    await person.api.education.update({ id: b.id, fieldOfStudy: 'Computing' });
    await person.api.education.reorder({ ids: [b.id, a.id] });
    expect((await person.api.education.list()).map((r) => [r.institution, r.fieldOfStudy])).toEqual(
      [
        ['Open University', 'Computing'],
        ['Cambridge', 'Mathematics'],
      ],
    );
    await person.api.education.delete({ id: a.id });
    expect(await person.api.education.list()).toHaveLength(1);
    expect(await failureOf(world.bob.api.education.delete({ id: b.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a certificate cannot expire before it was issued, and its URL must be http(s)', async () => {
    const failure = await failureOf(
      world.ada.api.certification.create({
        name: 'CKA',
        issueDate: '2023-05',
        expiryDate: '2023-04',
        url: 'cncf.io',
      }),
    );
    expect(failure.fieldErrors).toMatchObject({
      expiryDate: ['The expiry date cannot be before the issue date.'],
      url: ['Use a full URL starting with http:// or https://.'],
    });
    const cert = await world.ada.api.certification.create({
      name: 'CKA',
      issuingOrganization: 'CNCF',
      issueDate: '2023-05',
      expiryDate: '2026-05',
      credentialId: 'LF-123',
      url: 'https://www.cncf.io/certification/cka/',
    });
    expect(cert).toMatchObject({ issuingOrganization: 'CNCF', expiryDate: '2026-05' });
    expect(
      await failureOf(world.bob.api.certification.update({ id: cert.id, name: 'Mine now' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
