// Interviews through the real router and database: kept under the owner's
// application; another user's application or interview is NOT_FOUND.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp } from '../support/accounts';
import { createApplication } from '../support/applications';

const world = setUp('ada', 'bob');

describe('interviews', () => {
  it('an interview is added, changed and removed, and shows on the application', async () => {
    const application = await createApplication(world.ada);
    const scheduledAt = new Date('2026-12-01T10:00:00Z');
    const created = await world.ada.api.interview.create({
      applicationId: application.id,
      scheduledAt,
      kind: 'technical',
    });
    expect(created).toMatchObject({ kind: 'technical', outcome: 'pending', scheduledAt });
    const updated = await world.ada.api.interview.update({ id: created.id, outcome: 'passed' });
    expect(updated.outcome).toBe('passed');
    const detail = await world.ada.api.application.byId({ id: application.id });
    expect(detail.interviews.map((i) => i.id)).toEqual([created.id]);
    expect(await world.ada.api.interview.delete({ id: created.id })).toEqual({ id: created.id });
  });

  it('bad input is refused with a message naming the allowed values', async () => {
    const application = await createApplication(world.ada);
    const failure = await failureOf(
      world.ada.api.interview.create({
        applicationId: application.id,
        scheduledAt: new Date(),
        durationMinutes: 0,
        kind: 'lunch' as never,
      }),
    );
    expect(failure.fieldErrors).toMatchObject({
      durationMinutes: ['An interview lasts at least 1 minute.'],
      kind: ['Kind must be phone_screen, technical, onsite, behavioral, final or other.'],
    });
  });

  it("a user cannot add to, change or remove another user's interviews", async () => {
    const application = await createApplication(world.ada);
    const interview = await world.ada.api.interview.create({
      applicationId: application.id,
      scheduledAt: new Date(),
    });
    const onForeign = await failureOf(
      world.bob.api.interview.create({ applicationId: application.id, scheduledAt: new Date() }),
    );
    expect(onForeign.code).toBe('NOT_FOUND');
    for (const call of [
      world.bob.api.interview.update({ id: interview.id, notes: 'mine' }),
      world.bob.api.interview.delete({ id: interview.id }),
    ]) {
      expect(await failureOf(call)).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Interview not found.',
      });
    }
  });
});
