// What was sent with an application (issue 13): the text is frozen when it is
// marked, marking again replaces it, only a résumé or a cover letter qualifies,
// and another person's résumé or document is NOT_FOUND.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documents, documentVersions, withUser, type DocumentType } from '@pursuit/db';
import { failureOf, RESUME_TEXT, setUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';
import { anyDate } from '../support/matchers';
import { shareWith } from '../support/sharing';

const world = setUp('ada', 'bob', 'eddie');

/** A document of `type` with versions 1..n as the worker would leave them; returns their ids. */
async function versionsOf(
  person: Person,
  applicationId: string,
  type: DocumentType,
  contents: string[],
): Promise<string[]> {
  return withUser(world.t.app, person.id, async (tx) => {
    const [doc] = await tx
      .insert(documents)
      .values({ applicationId, userId: person.id, type, currentVersion: contents.length })
      .returning({ id: documents.id });
    const rows = await tx
      .insert(documentVersions)
      .values(
        contents.map((content, i) => ({
          documentId: doc!.id,
          userId: person.id,
          version: i + 1,
          content,
          generator: 'builtin',
        })),
      )
      .returning({ id: documentVersions.id });
    return rows.map((r) => r.id);
  });
}

describe('application.markSent', () => {
  it('freezes the base résumé: editing it afterwards leaves the sent text as it was', async () => {
    const application = await createApplication(world.ada);
    const resume = await world.ada.api.resume.create({
      name: 'Backend focus',
      content: RESUME_TEXT,
    });
    const { sent } = await world.ada.api.application.markSent({
      id: application.id,
      resumeId: resume.id,
    });
    expect(sent).toEqual([
      {
        id: expect.any(String) as string,
        kind: 'resume',
        label: 'Backend focus',
        resumeId: resume.id,
        documentVersionId: null,
        content: RESUME_TEXT,
        sentAt: anyDate,
      },
    ]);
    await world.ada.api.resume.update({
      id: resume.id,
      content: `${RESUME_TEXT}\n- A line added after it was sent, long enough to count.`,
    });
    const detail = await world.ada.api.application.byId({ id: application.id });
    expect(detail.sent.map((s) => s.content)).toEqual([RESUME_TEXT]);
  });

  it('labels tailored résumés and cover letters by version, and marking again replaces', async () => {
    const application = await createApplication(world.ada);
    const [, tailored2] = await versionsOf(world.ada, application.id, 'optimized_resume', [
      '# Tailored one',
      '# Tailored two',
    ]);
    const [letter1] = await versionsOf(world.ada, application.id, 'cover_letter', ['Dear team,']);
    const resume = await world.ada.api.resume.create({ name: 'General', content: RESUME_TEXT });

    await world.ada.api.application.markSent({ id: application.id, resumeId: resume.id });
    const { sent } = await world.ada.api.application.markSent({
      id: application.id,
      documentVersionId: tailored2!,
    });
    expect(sent.map((s) => [s.kind, s.label, s.resumeId, s.documentVersionId, s.content])).toEqual([
      ['resume', 'Tailored résumé v2', null, tailored2, '# Tailored two'],
    ]);
    const both = await world.ada.api.application.markSent({
      id: application.id,
      documentVersionId: letter1!,
    });
    expect(both.sent.map((s) => [s.kind, s.label])).toEqual([
      ['resume', 'Tailored résumé v2'],
      ['cover_letter', 'Cover letter v1'],
    ]);
    const after = await world.ada.api.application.unmarkSent({
      id: application.id,
      kind: 'resume',
    });
    expect(after.sent.map((s) => s.kind)).toEqual(['cover_letter']);
  });

  it('deleting the version keeps what was sent, without the link', async () => {
    const application = await createApplication(world.ada);
    const [letter] = await versionsOf(world.ada, application.id, 'cover_letter', ['Dear Globex,']);
    await world.ada.api.application.markSent({ id: application.id, documentVersionId: letter! });
    // Old versions are pruned by the maintenance task, as the owner role.
    await world.t.owner.db.delete(documentVersions).where(eq(documentVersions.id, letter!));
    const detail = await world.ada.api.application.byId({ id: application.id });
    expect(detail.sent).toEqual([
      expect.objectContaining({
        kind: 'cover_letter',
        label: 'Cover letter v1',
        documentVersionId: null,
        content: 'Dear Globex,',
      }),
    ]);
  });

  it('refuses research reports and follow-up emails, and asks for something to mark', async () => {
    const application = await createApplication(world.ada);
    const [report] = await versionsOf(world.ada, application.id, 'research_report', ['# Notes']);
    const [email] = await versionsOf(world.ada, application.id, 'follow_up_email', ['Hi again']);
    for (const versionId of [report!, email!]) {
      const failure = await failureOf(
        world.ada.api.application.markSent({ id: application.id, documentVersionId: versionId }),
      );
      expect(failure.code).toBe('BAD_REQUEST');
      expect(failure.message).toBe('Only a résumé or a cover letter can be marked as sent.');
    }
    const nothing = await failureOf(world.ada.api.application.markSent({ id: application.id }));
    expect(nothing.code).toBe('BAD_REQUEST');
    expect(nothing.message).toMatch(/Choose the résumé or the document version/);
  });

  it('a version of another of the person’s applications is refused', async () => {
    const one = await createApplication(world.ada);
    const other = await createApplication(world.ada);
    const [letter] = await versionsOf(world.ada, other.id, 'cover_letter', ['Dear other,']);
    const failure = await failureOf(
      world.ada.api.application.markSent({ id: one.id, documentVersionId: letter! }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
  });

  it('another person’s résumé, version or application is NOT_FOUND', async () => {
    const mine = await createApplication(world.ada);
    const theirs = await createApplication(world.bob);
    const bobsResume = await world.bob.api.resume.create({ name: 'Bob', content: RESUME_TEXT });
    const [bobsLetter] = await versionsOf(world.bob, theirs.id, 'cover_letter', ['Dear Bob']);
    const attempts = [
      () => world.ada.api.application.markSent({ id: mine.id, resumeId: bobsResume.id }),
      () => world.ada.api.application.markSent({ id: mine.id, documentVersionId: bobsLetter! }),
      () => world.ada.api.application.markSent({ id: theirs.id, documentVersionId: bobsLetter! }),
      () => world.ada.api.application.unmarkSent({ id: theirs.id, kind: 'cover_letter' }),
    ];
    for (const attempt of attempts) expect((await failureOf(attempt())).code).toBe('NOT_FOUND');
    expect((await world.bob.api.application.byId({ id: theirs.id })).sent).toEqual([]);
  });

  it('an editor marks a tailored version sent on the owner’s application; only the owner unmarks', async () => {
    await shareWith(world.ada, world.eddie, 'editor');
    const application = await createApplication(world.ada);
    const [tailored] = await versionsOf(world.ada, application.id, 'optimized_resume', ['# T']);
    const { sent } = await world.eddie.api.application.markSent({
      id: application.id,
      documentVersionId: tailored!,
    });
    expect(sent.map((s) => s.label)).toEqual(['Tailored résumé v1']);
    const unmark = await failureOf(
      world.eddie.api.application.unmarkSent({ id: application.id, kind: 'resume' }),
    );
    expect(unmark.code).toBe('FORBIDDEN');
    const ownersView = await world.ada.api.application.byId({ id: application.id });
    expect(ownersView.sent).toHaveLength(1);
  });
});
