// Outcomes through the real router and database (issue 13): a move to
// rejected keeps its reason in the history, a backdated applied date is where
// the history puts the application step, and who may do either.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';

const world = setUp('ada', 'eddie', 'vera', 'stan');

const DAY = 86_400_000;

function steps(detail: { history: { fromStage: string | null; toStage: string }[] }) {
  return detail.history.map((h) => [h.fromStage, h.toStage]);
}

describe('application outcomes', () => {
  it('moving to rejected with a reason records it on the card and in that history step', async () => {
    const created = await createApplication(world.ada);
    await world.ada.api.application.move({ id: created.id, stage: 'applied' });
    const moved = await world.ada.api.application.move({
      id: created.id,
      stage: 'rejected',
      rejectionReason: '  Wanted more Kubernetes experience  ',
    });
    expect(moved.rejectionReason).toBe('Wanted more Kubernetes experience');
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(detail.rejectionReason).toBe('Wanted more Kubernetes experience');
    expect(detail.history.map((h) => [h.toStage, h.reason])).toEqual([
      ['interested', null],
      ['applied', null],
      ['rejected', 'Wanted more Kubernetes experience'],
    ]);
    const board = await world.ada.api.application.list();
    expect(board.cards.find((c) => c.id === created.id)?.rejectionReason).toBe(
      'Wanted more Kubernetes experience',
    );
  });

  it('a reason with any stage but rejected is refused', async () => {
    const created = await createApplication(world.ada);
    const failure = await failureOf(
      world.ada.api.application.move({ id: created.id, stage: 'applied', rejectionReason: 'No' }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toBe('A rejection reason goes with a move to Rejected.');
    const tooLong = await failureOf(
      world.ada.api.application.move({
        id: created.id,
        stage: 'rejected',
        rejectionReason: 'x'.repeat(501),
      }),
    );
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(tooLong.message).toMatch(/at most 500 characters/);
  });

  it('moving on from rejected drops the reason; a later rejection does not inherit it', async () => {
    const created = await createApplication(world.ada, { stage: 'applied' });
    await world.ada.api.application.move({
      id: created.id,
      stage: 'rejected',
      rejectionReason: 'Role filled internally',
    });
    const reopened = await world.ada.api.application.move({
      id: created.id,
      stage: 'interviewing',
    });
    expect(reopened.rejectionReason).toBeNull();
    await world.ada.api.application.move({ id: created.id, stage: 'rejected' });
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(detail.rejectionReason).toBeNull();
    expect(detail.history.filter((h) => h.toStage === 'rejected').map((h) => h.reason)).toEqual([
      'Role filled internally',
      null,
    ]);
  });

  it('update sets a reason only while rejected, and the latest rejected step takes it', async () => {
    const created = await createApplication(world.ada, { stage: 'applied' });
    const refused = await failureOf(
      world.ada.api.application.update({
        id: created.id,
        version: created.version,
        rejectionReason: 'Too early',
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/only while the application is rejected/);
    const rejected = await world.ada.api.application.move({ id: created.id, stage: 'rejected' });
    const updated = await world.ada.api.application.update({
      id: created.id,
      version: rejected.version,
      rejectionReason: 'Salary expectations',
    });
    expect(updated.rejectionReason).toBe('Salary expectations');
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(detail.history.at(-1)).toMatchObject({
      toStage: 'rejected',
      reason: 'Salary expectations',
    });
  });

  it('one update changing both the applied date and the reason keeps both in the history', async () => {
    const created = await createApplication(world.ada, { stage: 'applied' });
    const rejected = await world.ada.api.application.move({ id: created.id, stage: 'rejected' });
    const appliedAt = new Date(Date.now() - 20 * DAY);
    const updated = await world.ada.api.application.update({
      id: created.id,
      version: rejected.version,
      appliedAt,
      rejectionReason: 'Position closed',
    });
    expect(updated).toMatchObject({ appliedAt, rejectionReason: 'Position closed' });
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(detail.history.map((h) => [h.toStage, h.reason])).toEqual([
      ['applied', null],
      ['rejected', 'Position closed'],
    ]);
    expect(detail.history[0]!.changedAt).toEqual(appliedAt);
  });

  it('create refuses a reason unless the stage is rejected', async () => {
    const failure = await failureOf(
      createApplication(world.ada, { stage: 'applied', rejectionReason: 'No' }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(/A rejection reason goes with the stage Rejected/);
  });

  it('a backdated rejected application has history: applied at appliedAt, then rejected now', async () => {
    const appliedAt = new Date(Date.now() - 40 * DAY);
    const before = Date.now();
    const created = await createApplication(world.ada, {
      stage: 'rejected',
      appliedAt: appliedAt.toISOString(),
      rejectionReason: 'No visa sponsorship',
    });
    expect(created.appliedAt).toEqual(appliedAt);
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(steps(detail)).toEqual([
      [null, 'applied'],
      ['applied', 'rejected'],
    ]);
    expect(detail.history[0]!.changedAt).toEqual(appliedAt);
    expect(detail.history[1]!.changedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(detail.history[1]!.reason).toBe('No visa sponsorship');
  });

  it('editing appliedAt moves the application step (and the creation step never comes after it)', async () => {
    const created = await createApplication(world.ada);
    const applied = await world.ada.api.application.move({ id: created.id, stage: 'applied' });
    const earlier = new Date(Date.now() - 10 * DAY);
    const edited = await world.ada.api.application.update({
      id: created.id,
      version: applied.version,
      appliedAt: earlier,
    });
    expect(edited.appliedAt).toEqual(earlier);
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(steps(detail)).toEqual([
      [null, 'interested'],
      ['interested', 'applied'],
    ]);
    expect(detail.history[1]!.changedAt).toEqual(earlier);
    expect(detail.history[0]!.changedAt.getTime()).toBeLessThanOrEqual(earlier.getTime());
  });

  it('an applied date more than a day ahead is refused; null clears it', async () => {
    const future = new Date(Date.now() + 3 * DAY);
    const onCreate = await failureOf(createApplication(world.ada, { appliedAt: future }));
    expect(onCreate.code).toBe('BAD_REQUEST');
    expect(onCreate.message).toMatch(/The applied date cannot be in the future\./);
    const created = await createApplication(world.ada, {
      appliedAt: new Date(Date.now() - DAY),
    });
    const onUpdate = await failureOf(
      world.ada.api.application.update({
        id: created.id,
        version: created.version,
        appliedAt: future.toISOString(),
      }),
    );
    expect(onUpdate.code).toBe('BAD_REQUEST');
    expect(onUpdate.fieldErrors?.appliedAt).toEqual(['The applied date cannot be in the future.']);
    // Within a day ahead is today somewhere else.
    const soon = await world.ada.api.application.update({
      id: created.id,
      version: created.version,
      appliedAt: new Date(Date.now() + 6 * 3_600_000),
    });
    const cleared = await world.ada.api.application.update({
      id: created.id,
      version: soon.version,
      appliedAt: null,
    });
    expect(cleared.appliedAt).toBeNull();
  });

  it('an editor of the search can move with a reason; a viewer cannot; a stranger gets NOT_FOUND', async () => {
    await shareWith(world.ada, world.eddie, 'editor');
    await shareWith(world.ada, world.vera, 'viewer');
    const created = await createApplication(world.ada, { stage: 'applied' });
    const moved = await world.eddie.api.application.move({
      id: created.id,
      stage: 'rejected',
      rejectionReason: 'Team reorganised',
    });
    expect(moved.rejectionReason).toBe('Team reorganised');
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(detail.history.at(-1)).toMatchObject({
      toStage: 'rejected',
      reason: 'Team reorganised',
      actorId: world.eddie.id,
    });
    const byViewer = await failureOf(
      world.vera.api.application.move({ id: created.id, stage: 'rejected', rejectionReason: 'x' }),
    );
    expect(byViewer.code).toBe('FORBIDDEN');
    const byStranger = await failureOf(
      world.stan.api.application.move({ id: created.id, stage: 'rejected', rejectionReason: 'x' }),
    );
    expect(byStranger.code).toBe('NOT_FOUND');
    const strangerUpdate = await failureOf(
      world.stan.api.application.update({
        id: created.id,
        version: moved.version,
        appliedAt: new Date('2026-01-05T00:00:00Z'),
      }),
    );
    expect(strangerUpdate.code).toBe('NOT_FOUND');
  });

  it('ghosted is a stage like the other closing ones', async () => {
    const created = await createApplication(world.ada, {
      stage: 'applied',
      appliedAt: new Date(Date.now() - 30 * DAY),
    });
    const ghosted = await world.ada.api.application.move({ id: created.id, stage: 'ghosted' });
    expect(ghosted.stage).toBe('ghosted');
    const board = await world.ada.api.application.list({
      stage: 'ghosted',
      includeArchived: false,
    });
    expect(board.cards.map((c) => c.id)).toContain(created.id);
  });
});
