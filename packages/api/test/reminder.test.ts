// reminder.list through the real router and database: a scenario with known
// answers for each kind (and the near misses that must not show), then who
// may see what — a stranger nothing, a grantee the owner's non-private ones.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp, type Person } from './support/accounts';
import { createApplication } from './support/applications';
import { shareWith } from './support/sharing';

const world = setUp('ada', 'bob', 'carol');
const HOUR = 3600_000;

async function today(): Promise<string> {
  const [row] = await world.t.owner.sql<{ d: string }[]>`select current_date::text as d`;
  return row!.d;
}

function dayOffset(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Backdates applied_at as the owner role would (the history follows it). */
async function appliedDaysAgo(id: string, days: number) {
  await world.t.owner.sql`
    update applications set applied_at = now() - make_interval(days => ${days}) where id = ${id}`;
}

async function addOffer(
  person: Person,
  applicationId: string,
  hoursToDeadline: number,
  status = 'pending',
) {
  const [row] = await world.t.owner.sql<{ id: string }[]>`
    insert into offers (application_id, user_id, currency, base_salary, response_deadline, status)
    values (${applicationId}, ${person.id}, 'EUR', 90000,
            now() + make_interval(hours => ${hoursToDeadline}), ${status}::offer_status)
    returning id`;
  return row!.id;
}

describe('reminder.list', () => {
  const expected: Record<string, string> = {};
  let privateKey = '';

  it('lists follow-ups due, interviews within 48 h, offer deadlines within 72 h and quiet applications, sorted by when due', async () => {
    const { ada } = world;
    const day = await today();

    const followUp = await createApplication(ada, { companyName: 'Initech', followUpOn: day });
    expected[`follow_up:${followUp.id}`] = 'follow_up';
    const overdue = await createApplication(ada, {
      companyName: 'Hooli',
      followUpOn: dayOffset(day, -3),
    });
    expected[`follow_up:${overdue.id}`] = 'follow_up';
    await createApplication(ada, { companyName: 'Later Co', followUpOn: dayOffset(day, 1) });
    await createApplication(ada, {
      companyName: 'Closed Co',
      stage: 'rejected',
      followUpOn: dayOffset(day, -1),
    });

    const interviewing = await createApplication(ada, {
      companyName: 'Umbrella',
      stage: 'interviewing',
    });
    const soon = await ada.api.interview.create({
      applicationId: interviewing.id,
      scheduledAt: new Date(Date.now() + 24 * HOUR),
      kind: 'technical',
      locationOrLink: 'https://meet.example.com/x',
    });
    expected[`interview:${soon.id}`] = 'interview';
    await ada.api.interview.create({
      applicationId: interviewing.id,
      scheduledAt: new Date(Date.now() + 60 * HOUR),
    });
    await ada.api.interview.create({
      applicationId: interviewing.id,
      scheduledAt: new Date(Date.now() - 2 * HOUR),
    });
    await ada.api.interview.create({
      applicationId: interviewing.id,
      scheduledAt: new Date(Date.now() + 2 * HOUR),
      outcome: 'passed',
    });

    const offered = await createApplication(ada, { companyName: 'Soylent', stage: 'offer' });
    expected[`offer_deadline:${await addOffer(ada, offered.id, 48)}`] = 'offer_deadline';
    await addOffer(ada, offered.id, 100);
    await addOffer(ada, offered.id, 24, 'declined');

    const quiet = await createApplication(ada, { companyName: 'Vandelay', stage: 'applied' });
    await appliedDaysAgo(quiet.id, 30);
    expected[`quiet:${quiet.id}`] = 'quiet';
    const recent = await createApplication(ada, { companyName: 'Recent', stage: 'applied' });
    await appliedDaysAgo(recent.id, 10);
    const answered = await createApplication(ada, { companyName: 'Answered', stage: 'applied' });
    await ada.api.application.move({ id: answered.id, stage: 'interviewing' });
    await ada.api.application.move({ id: answered.id, stage: 'applied' });
    await appliedDaysAgo(answered.id, 30);
    for (const stage of ['ghosted', 'withdrawn'] as const) {
      const closed = await createApplication(ada, { companyName: `Quiet ${stage}`, stage });
      await appliedDaysAgo(closed.id, 30);
    }
    const planned = await createApplication(ada, {
      companyName: 'Planned',
      stage: 'applied',
      followUpOn: dayOffset(day, 5),
    });
    await appliedDaysAgo(planned.id, 30);

    const secret = await createApplication(ada, { companyName: 'Secret', followUpOn: day });
    await ada.api.application.update({ id: secret.id, version: secret.version, private: true });
    privateKey = `follow_up:${secret.id}`;
    expected[privateKey] = 'follow_up';

    const list = await ada.api.reminder.list();
    expect(list.ghostedAfterDays).toBe(21);
    expect(list.generatedAt).toBeInstanceOf(Date);
    expect(Object.fromEntries(list.items.map((i) => [i.key, i.kind]))).toEqual(expected);
    const dues = list.items.map((i) => i.dueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    const byKey = new Map(list.items.map((i) => [i.key, i]));
    expect(byKey.get(`interview:${soon.id}`)).toMatchObject({
      applicationId: interviewing.id,
      companyName: 'Umbrella',
      roleTitle: 'Platform Engineer',
      title: 'Technical interview at Umbrella',
      detail: 'Platform Engineer · https://meet.example.com/x',
      dueAt: soon.scheduledAt,
    });
    expect(byKey.get(`follow_up:${overdue.id}`)).toMatchObject({
      title: 'Follow up with Hooli',
      detail: 'Platform Engineer · was due 3 days ago',
      dueAt: new Date(`${dayOffset(day, -3)}T00:00:00Z`),
    });
    expect(byKey.get(`follow_up:${followUp.id}`)?.detail).toBe('Platform Engineer · due today');
    expect(byKey.get(`quiet:${quiet.id}`)).toMatchObject({
      title: 'No reply from Vandelay in 30 days',
      companyName: 'Vandelay',
    });

    // Stable keys: the same list again.
    const again = await ada.api.reminder.list({});
    expect(again.items.map((i) => i.key)).toEqual(list.items.map((i) => i.key));
  });

  it('moving a quiet application on, or setting a follow-up date, ends its nudge', async () => {
    const { ada } = world;
    const app = await createApplication(ada, { companyName: 'Nudged', stage: 'applied' });
    await appliedDaysAgo(app.id, 25);
    const keys = async () => (await ada.api.reminder.list()).items.map((i) => i.key);
    expect(await keys()).toContain(`quiet:${app.id}`);
    await ada.api.application.move({ id: app.id, stage: 'interviewing' });
    expect(await keys()).not.toContain(`quiet:${app.id}`);
  });

  it('a stranger sees none of them: their own list is empty and naming the owner is NOT_FOUND', async () => {
    expect((await world.bob.api.reminder.list()).items).toEqual([]);
    const failure = await failureOf(world.bob.api.reminder.list({ ownerId: world.ada.id }));
    expect(failure.code).toBe('NOT_FOUND');
  });

  it("a grantee naming the owner sees the owner's reminders except private applications'", async () => {
    await shareWith(world.ada, world.carol, 'viewer');
    const own = await world.carol.api.reminder.list();
    expect(own.items).toEqual([]);
    const shared = await world.carol.api.reminder.list({ ownerId: world.ada.id });
    const keys = shared.items.map((i) => i.key);
    expect(keys).not.toContain(privateKey);
    const ownerKeys = (await world.ada.api.reminder.list()).items
      .map((i) => i.key)
      .filter((k) => k !== privateKey);
    expect(keys).toEqual(ownerKeys);
  });

  it('refuses an owner id that is not an id', async () => {
    const failure = await failureOf(world.ada.api.reminder.list({ ownerId: 'nope' }));
    expect(failure.code).toBe('BAD_REQUEST');
  });
});
