// Contacts through the real router and database: kept under the owner's
// application; another user's application or contact is NOT_FOUND.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp } from '../support/accounts';
import { createApplication } from '../support/applications';

const world = setUp('ada', 'bob');

describe('contacts', () => {
  it('a contact is added, changed and removed, and shows on the application', async () => {
    const application = await createApplication(world.ada);
    const created = await world.ada.api.contact.create({
      applicationId: application.id,
      name: ' Grace Hopper ',
      email: '',
    });
    expect(created).toMatchObject({ name: 'Grace Hopper', email: null });
    const updated = await world.ada.api.contact.update({ id: created.id, role: 'Recruiter' });
    expect(updated.role).toBe('Recruiter');
    const detail = await world.ada.api.application.byId({ id: application.id });
    expect(detail.contacts.map((c) => c.id)).toEqual([created.id]);
    expect(await world.ada.api.contact.delete({ id: created.id })).toEqual({ id: created.id });
  });

  it('a contact needs a name and a valid email address', async () => {
    const application = await createApplication(world.ada);
    const failure = await failureOf(
      world.ada.api.contact.create({ applicationId: application.id, name: ' ', email: 'nope' }),
    );
    expect(failure.fieldErrors).toMatchObject({
      name: ['Enter the contact’s name.'],
      email: ['Enter a valid email address.'],
    });
  });

  it("a user cannot add to, change or remove another user's contacts", async () => {
    const application = await createApplication(world.ada);
    const contact = await world.ada.api.contact.create({
      applicationId: application.id,
      name: 'Grace',
    });
    const onForeign = await failureOf(
      world.bob.api.contact.create({ applicationId: application.id, name: 'Mallory' }),
    );
    expect(onForeign.code).toBe('NOT_FOUND');
    for (const call of [
      world.bob.api.contact.update({ id: contact.id, notes: 'mine' }),
      world.bob.api.contact.delete({ id: contact.id }),
    ]) {
      expect(await failureOf(call)).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Contact not found.',
      });
    }
  });
});
