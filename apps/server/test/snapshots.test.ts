// Daily snapshots: the task writes one user_analytics row per active person
// for a UTC day, counted as insights.summary counts, and running it again
// rewrites that row instead of adding another.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { snapshotDays, snapshotTask, writeSnapshots } from '../src/snapshots';

let db: TestDatabase;
const DAY = '2026-03-10';
const people = { active: randomUUID(), idle: randomUUID(), disabled: randomUUID() };
let companyId: string;

const JOB = 'A snapshot test application: build real-time features with TypeScript and Postgres.';

async function application(fields: { stage: string; appliedAt?: string; title: string }) {
  const [row] = await db.owner.sql<{ id: string }[]>`
    insert into applications (user_id, company_id, company_name, role_title, job_description,
                              stage, applied_at, position)
    values (${people.active}, ${companyId}, '', ${fields.title}, ${JOB},
            ${fields.stage}::application_stage, ${fields.appliedAt ?? null}, 'a0')
    returning id`;
  return row!.id;
}

/** Moves the history step of `id` to `stage` to `at` (the trigger wrote it at now()). */
async function stepAt(id: string, stage: string, at: string) {
  await db.owner.sql`
    update application_stage_history set changed_at = ${at}
     where application_id = ${id} and to_stage = ${stage}::application_stage`;
}

async function rowsFor(day: string) {
  return db.owner.sql<
    {
      user_id: string;
      applications_submitted: number;
      interviews_scheduled: number;
      offers_received: number;
      documents_generated: number;
      response_rate: string | null;
    }[]
  >`select user_id, applications_submitted, interviews_scheduled, offers_received,
           documents_generated, response_rate
      from user_analytics where day = ${day} order by applications_submitted desc`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [key, id] of Object.entries(people)) {
    await db.owner.sql`
      insert into users (id, email, password_hash, display_name, created_at)
      values (${id}, ${`${key}-${id}@example.com`}, 'x', ${key}, '2026-01-01T00:00:00Z')`;
  }
  // Disabled by an admin afterwards, as it happens (an insert starts enabled).
  await db.owner.sql`update users set disabled_at = now() where id = ${people.disabled}`;
  const [company] = await db.owner.sql<{ id: string }[]>`
    insert into companies (name) values ('Snapshot Co') returning id`;
  companyId = company!.id;

  // Applied that day, no reply.
  const p1 = await application({ stage: 'applied', appliedAt: `${DAY}T09:00:00Z`, title: 'P1' });
  // Applied the day before, interviewing that day.
  const p2 = await application({
    stage: 'interviewing',
    appliedAt: '2026-03-09T10:00:00Z',
    title: 'P2',
  });
  await stepAt(p2, 'interviewing', `${DAY}T14:00:00Z`);
  // Applied and offered that day.
  const p3 = await application({ stage: 'offer', appliedAt: `${DAY}T12:00:00Z`, title: 'P3' });
  await stepAt(p3, 'offer', `${DAY}T15:00:00Z`);
  // Applied before, rejected only two days later: no response yet at the end of the day.
  const p6 = await application({
    stage: 'rejected',
    appliedAt: '2026-03-01T08:00:00Z',
    title: 'P6',
  });
  await stepAt(p6, 'rejected', '2026-03-12T08:00:00Z');
  // Applied the next day; and one never applied.
  await application({ stage: 'applied', appliedAt: '2026-03-11T08:00:00Z', title: 'P4' });
  await application({ stage: 'interested', title: 'P5' });

  // Interviews created that day (one) and the next (not counted).
  await db.owner.sql`
    insert into interviews (application_id, user_id, scheduled_at, created_at)
    values (${p2}, ${people.active}, '2026-03-20T10:00:00Z', ${`${DAY}T11:00:00Z`}),
           (${p2}, ${people.active}, '2026-03-21T10:00:00Z', '2026-03-11T11:00:00Z')`;
  // Versions: one generated that day; a person's edit, a restore and one the day before are not.
  const [{ id: documentId } = { id: '' }] = await db.owner.sql<{ id: string }[]>`
    insert into documents (application_id, user_id, type)
    values (${p1}, ${people.active}, 'research_report') returning id`;
  await db.owner.sql`
    insert into document_versions (document_id, user_id, version, content, generator, settings,
                                   user_edited, created_at)
    values (${documentId}, ${people.active}, 1, 'v1', 'builtin', '{}', false, '2026-03-09T10:00:00Z'),
           (${documentId}, ${people.active}, 2, 'v2', 'builtin', '{}', false, ${`${DAY}T10:00:00Z`}),
           (${documentId}, ${people.active}, 3, 'v3', 'you', '{}', true, ${`${DAY}T11:00:00Z`}),
           (${documentId}, ${people.active}, 4, 'v2', 'builtin', '{"restoredFrom": 2}', false,
            ${`${DAY}T12:00:00Z`})`;
});

afterAll(async () => {
  await db?.close();
});

describe('daily snapshots', () => {
  it('write one row per active person for the day, counted by the insights definitions', async () => {
    expect(await writeSnapshots(db.owner, DAY)).toBe(2);
    const rows = await rowsFor(DAY);
    expect(rows).toEqual([
      {
        user_id: people.active,
        applications_submitted: 2,
        interviews_scheduled: 1,
        offers_received: 1,
        documents_generated: 1,
        // Applied by the end of the day: P1, P2, P3, P6; responded: P2, P3.
        response_rate: '0.5000',
      },
      {
        user_id: people.idle,
        applications_submitted: 0,
        interviews_scheduled: 0,
        offers_received: 0,
        documents_generated: 0,
        response_rate: null,
      },
    ]);
  });

  it('a second run rewrites the day instead of adding a row', async () => {
    await db.owner.sql`
      insert into interviews (application_id, user_id, scheduled_at, created_at)
      select id, user_id, '2026-03-22T10:00:00Z', ${`${DAY}T18:00:00Z`}
        from applications where role_title = 'P1'`;
    expect(await writeSnapshots(db.owner, DAY)).toBe(2);
    const rows = await rowsFor(DAY);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ interviews_scheduled: 2, applications_submitted: 2 });
    const [{ n } = { n: 0 }] = await db.owner.sql<{ n: number }[]>`
      select count(*)::int as n from user_analytics`;
    expect(n).toBe(2);
  });

  it('the day after counts that day alone, and the rate as of its end', async () => {
    await writeSnapshots(db.owner, '2026-03-11');
    const [active] = await rowsFor('2026-03-11');
    expect(active).toMatchObject({
      user_id: people.active,
      applications_submitted: 1,
      interviews_scheduled: 1,
      offers_received: 0,
      documents_generated: 0,
      // P4 applied: 5 applied, 2 responded.
      response_rate: '0.4000',
    });
  });

  it('a crontab tick writes the day before it; a run by hand writes yesterday and today', async () => {
    expect(snapshotDays({ _cron: { ts: '2026-03-11T00:05:00.000Z' } }, new Date())).toEqual([DAY]);
    const now = new Date('2026-11-30T18:00:00Z');
    expect(snapshotDays({}, now)).toEqual(['2026-11-29', '2026-11-30']);

    const lines: string[] = [];
    await snapshotTask(db.owner, (line) => lines.push(line))({}, {} as never);
    const today = new Date().toISOString().slice(0, 10);
    expect(await rowsFor(today)).toHaveLength(2);
    expect(lines.at(-1)).toBe(`snapshots: 2 row(s) for ${today}`);
  });
});
