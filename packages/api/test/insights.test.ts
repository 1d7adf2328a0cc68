// insights.summary and insights.snapshots through the router, against a
// scenario with known answers: ten applications, backdated through the owner
// database (the way an import or a hand-set applied date would), moved through
// the router. Every number is stated, so a change of definition shows here.
import { beforeAll, describe, expect, it } from 'vitest';
import { failureOf, setUp, type Person } from './support/accounts';
import { createApplication } from './support/applications';
import { shareWith } from './support/sharing';
import { DEFINITIONS, NOT_RECORDED } from '../src/services/insights';

const w = setUp('owner', 'grantee', 'stranger');

const DAY_MS = 86_400_000;
const ids: Record<string, string> = {};

async function add(person: Person, key: string, source?: string) {
  const app = await createApplication(person, { companyName: `Co ${key}`, source });
  ids[key] = app.id;
  return app.id;
}

/** As an import would: the card applied `daysAgo` days ago (the trigger writes the history). */
async function appliedDaysAgo(key: string, daysAgo: number) {
  await w.t.owner.sql`
    update applications
       set stage = 'applied', applied_at = now() - make_interval(days => ${daysAgo})
     where id = ${ids[key]!}`;
}

/** Puts the latest history step of `key` to `stage` at `daysAgo` days ago. */
async function stepAt(key: string, stage: string, daysAgo: number) {
  await w.t.owner.sql`
    update application_stage_history set changed_at = now() - make_interval(days => ${daysAgo})
     where application_id = ${ids[key]!} and to_stage = ${stage}::application_stage`;
}

async function markResumeSent(key: string, label: string) {
  await w.t.owner.sql`
    insert into sent_materials (application_id, user_id, kind, label, content)
    select id, user_id, 'resume', ${label}, 'frozen text' from applications where id = ${ids[key]!}`;
}

beforeAll(async () => {
  const { owner } = w;
  // A1, A2: added, never applied.
  await add(owner, 'A1');
  await add(owner, 'A2', 'LinkedIn');
  // A3: applied 40 days ago, no reply: ghosted by age.
  await add(owner, 'A3', 'LinkedIn');
  await appliedDaysAgo('A3', 40);
  // A4: applied 10 days ago, no reply yet: not ghosted.
  await add(owner, 'A4', 'LinkedIn');
  await appliedDaysAgo('A4', 10);
  // A5: applied 30 days ago, interviewing now: responded after 30 days.
  await add(owner, 'A5', 'Referral');
  await appliedDaysAgo('A5', 30);
  await owner.api.application.move({ id: ids.A5!, stage: 'interviewing' });
  // A6: applied 20 days ago, rejected now (a rejection is a response).
  await add(owner, 'A6', '  linkedin ');
  await appliedDaysAgo('A6', 20);
  await owner.api.application.move({ id: ids.A6!, stage: 'rejected' });
  // A7: applied 25 days ago, interviewing 15 days ago, offer 5 days ago.
  await add(owner, 'A7', 'Referral');
  await appliedDaysAgo('A7', 25);
  await owner.api.application.move({ id: ids.A7!, stage: 'interviewing' });
  await owner.api.application.move({ id: ids.A7!, stage: 'offer' });
  await stepAt('A7', 'interviewing', 15);
  await stepAt('A7', 'offer', 5);
  // A8: applied 50 days ago, withdrawn: neither responded nor ghosted.
  await add(owner, 'A8');
  await appliedDaysAgo('A8', 50);
  await owner.api.application.move({ id: ids.A8!, stage: 'withdrawn' });
  // A9: applied 15 days ago, interviewing now; private (the grantee never sees it).
  await add(owner, 'A9');
  await appliedDaysAgo('A9', 15);
  await owner.api.application.move({ id: ids.A9!, stage: 'interviewing' });
  await w.t.owner.sql`update applications set private = true where id = ${ids.A9!}`;
  // A10: applied 5 days ago and marked ghosted: counted although younger than 21 days.
  await add(owner, 'A10');
  await appliedDaysAgo('A10', 5);
  await owner.api.application.move({ id: ids.A10!, stage: 'ghosted' });

  await markResumeSent('A3', 'Base résumé');
  await markResumeSent('A6', 'Base résumé');
  await markResumeSent('A5', 'Tailored résumé v1');

  await shareWith(owner, w.grantee, 'viewer');
});

describe('insights.summary', () => {
  it('counts the owner’s search by the definitions', async () => {
    const s = await w.owner.api.insights.summary();
    expect(s.ownerId).toBe(w.owner.id);
    expect(s.ghostedAfterDays).toBe(21);
    expect(s.definitions).toEqual(DEFINITIONS);
    expect(s.stages).toEqual({
      interested: 2,
      applied: 2,
      interviewing: 2,
      offer: 1,
      accepted: 0,
      rejected: 1,
      withdrawn: 1,
      ghosted: 1,
    });
    expect(s.added).toBe(10);
    // Applied: A3-A10. Responded: A5, A6 (rejected), A7, A9.
    expect(s.applied).toBe(8);
    expect(s.responded).toBe(4);
    expect(s.interviewing).toBe(3);
    expect(s.offers).toBe(1);
    expect(s.accepted).toBe(0);
    // A3 by age, A10 by stage; A4 is too young, A8 withdrew.
    expect(s.ghosted).toBe(2);
    expect(s.responseRate).toBe(0.5);
    expect(s.interviewRate).toBe(3 / 8);
    expect(s.offerRate).toBe(1 / 8);
    // First responses after 30 (A5), 20 (A6), 10 (A7), 15 (A9) days.
    expect(s.medianDaysToFirstResponse).toBe(17.5);
  });

  it('measures the median time in each stage from the history', async () => {
    const s = await w.owner.api.insights.summary();
    // In applied: A10 5, A4 10, A7 10, A9 15, A6 20, A5 30, A3 40, A8 50 days.
    expect(s.medianDaysInStage.applied).toBe(17.5);
    // In interviewing: A5 0, A9 0 (still there, since just now), A7 10.
    expect(s.medianDaysInStage.interviewing).toBe(0);
    expect(s.medianDaysInStage.offer).toBe(5);
    // A backdated card's first row moves to its applied date: no time interested.
    expect(s.medianDaysInStage.interested).toBe(0);
    expect(s.medianDaysInStage.accepted).toBeNull();
  });

  it('splits the response rate by source and by the résumé sent', async () => {
    const s = await w.owner.api.insights.summary();
    expect(s.bySource).toEqual([
      { key: 'LinkedIn', applied: 3, responded: 1, responseRate: 1 / 3 },
      { key: NOT_RECORDED, applied: 3, responded: 1, responseRate: 1 / 3 },
      { key: 'Referral', applied: 2, responded: 2, responseRate: 1 },
    ]);
    expect(s.byResume).toEqual([
      { key: NOT_RECORDED, applied: 5, responded: 2, responseRate: 0.4 },
      { key: 'Base résumé', applied: 2, responded: 1, responseRate: 0.5 },
      { key: 'Tailored résumé v1', applied: 1, responded: 1, responseRate: 1 },
    ]);
  });

  it('counts added and applied per ISO week, with empty weeks as zeros', async () => {
    const s = await w.owner.api.insights.summary();
    expect(s.weekly.reduce((n, wk) => n + wk.added, 0)).toBe(10);
    expect(s.weekly.reduce((n, wk) => n + wk.applied, 0)).toBe(8);
    for (const wk of s.weekly) {
      expect(wk.week).toMatch(/^\d{4}-W\d{2}$/);
      expect(new Date(`${wk.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
    }
    // From the week of the earliest application (applied 50 days ago) to this week.
    const spans = s.weekly.map((wk) => Date.parse(`${wk.weekStart}T00:00:00Z`));
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]! - spans[i - 1]!).toBe(7 * DAY_MS);
    expect(s.weekly.length).toBeGreaterThanOrEqual(8);
    expect(s.weekly.length).toBeLessThanOrEqual(9);
    // Everything was added this week.
    expect(s.weekly.at(-1)!.added).toBe(10);
  });

  it('restricts applied-based numbers to applications applied in the window', async () => {
    const s = await w.owner.api.insights.summary({ from: new Date(Date.now() - 22 * DAY_MS) });
    // Applied in the last 22 days: A4 (10), A6 (20), A9 (15), A10 (5).
    expect(s.applied).toBe(4);
    expect(s.responded).toBe(2);
    expect(s.responseRate).toBe(0.5);
    expect(s.ghosted).toBe(1);
    expect(s.medianDaysToFirstResponse).toBe(17.5);
    // Added in the window: all ten (created during this test).
    expect(s.added).toBe(10);
    const none = await w.owner.api.insights.summary({
      from: new Date(Date.now() - 100 * DAY_MS),
      to: new Date(Date.now() - 60 * DAY_MS),
    });
    expect(none.applied).toBe(0);
    expect(none.responseRate).toBeNull();
    expect(none.interviewRate).toBeNull();
    expect(none.offerRate).toBeNull();
    expect(none.medianDaysToFirstResponse).toBeNull();
  });

  it('a grantee sees the owner’s numbers without the private application', async () => {
    const s = await w.grantee.api.insights.summary({ ownerId: w.owner.id });
    expect(s.ownerId).toBe(w.owner.id);
    expect(s.added).toBe(9);
    expect(s.applied).toBe(7);
    expect(s.responded).toBe(3);
    expect(s.interviewing).toBe(2);
    expect(s.offers).toBe(1);
    expect(s.ghosted).toBe(2);
    expect(s.responseRate).toBe(3 / 7);
    expect(s.interviewRate).toBe(2 / 7);
    expect(s.offerRate).toBe(1 / 7);
    expect(s.medianDaysToFirstResponse).toBe(20);
    expect(s.stages.interviewing).toBe(1);
    expect(s.medianDaysInStage.applied).toBe(20);
    expect(s.medianDaysInStage.interviewing).toBe(5);
    expect(s.bySource.find((b) => b.key === NOT_RECORDED)).toEqual({
      key: NOT_RECORDED,
      applied: 2,
      responded: 0,
      responseRate: 0,
    });
  });

  it('a grantee’s own summary does not include the searches shared with them', async () => {
    const s = await w.grantee.api.insights.summary();
    expect(s.ownerId).toBe(w.grantee.id);
    expect(s.added).toBe(0);
    expect(s.applied).toBe(0);
    expect(s.weekly).toEqual([]);
  });

  it('a stranger sees zeros of their own and cannot name the owner’s search', async () => {
    const s = await w.stranger.api.insights.summary();
    expect(s).toMatchObject({
      added: 0,
      applied: 0,
      responded: 0,
      ghosted: 0,
      responseRate: null,
      medianDaysToFirstResponse: null,
      bySource: [],
      byResume: [],
      weekly: [],
    });
    expect(Object.values(s.stages).every((n) => n === 0)).toBe(true);
    const failure = await failureOf(w.stranger.api.insights.summary({ ownerId: w.owner.id }));
    expect(failure.code).toBe('NOT_FOUND');
  });

  it('a range that ends before it starts is refused with a message', async () => {
    const failure = await failureOf(
      w.owner.api.insights.summary({ from: new Date(), to: new Date(Date.now() - DAY_MS) }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toBe('from: The start of the range must come before its end.');
  });

  it('follows a card as it moves', async () => {
    await w.owner.api.application.move({ id: ids.A4!, stage: 'interviewing' });
    const s = await w.owner.api.insights.summary();
    expect(s.responded).toBe(5);
    expect(s.responseRate).toBe(5 / 8);
    // First responses: 10, 10 (A4), 15, 20, 30.
    expect(s.medianDaysToFirstResponse).toBe(15);
  });
});

describe('insights.snapshots', () => {
  it('reads the person’s own daily rows, oldest first, within the days asked', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
    await w.t.owner.sql`
      insert into user_analytics (user_id, day, applications_submitted, response_rate)
      values (${w.owner.id}, ${today}, 2, 0.5), (${w.owner.id}, ${daysAgo(3)}, 1, 0.25),
             (${w.owner.id}, ${daysAgo(200)}, 9, null), (${w.stranger.id}, ${today}, 7, 1)`;
    const { snapshots } = await w.owner.api.insights.snapshots();
    expect(snapshots.map((r) => [r.day, r.applicationsSubmitted, r.responseRate])).toEqual([
      [daysAgo(3), 1, 0.25],
      [today, 2, 0.5],
    ]);
    const longer = await w.owner.api.insights.snapshots({ days: 365 });
    expect(longer.snapshots).toHaveLength(3);
    // Snapshots are not shared, even with a grantee.
    const grantee = await w.grantee.api.insights.snapshots();
    expect(grantee.snapshots).toEqual([]);
  });

  it('refuses a number of days it cannot use', async () => {
    const failure = await failureOf(w.owner.api.insights.snapshots({ days: 0 }));
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toBe('days: Ask for at least 1 day.');
  });
});
