// Issue 10: no list call grows without bound. Each test makes one more row than
// the cap (in SQL, under the person's own RLS context) and checks the reply
// stops at the cap and says it was cut short.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withUser } from '@pursuit/db';
import { createSession, generateSessionToken, sessionIdFromToken } from '../../src/auth/session';
import {
  BOARD_CARD_LIMIT,
  CHILD_RECORD_LIMIT,
  DOCUMENT_VERSION_LIMIT,
  PROFILE_LIST_LIMIT,
  RESUME_LIMIT,
  SESSIONS_PER_USER_LIMIT,
  STAGE_HISTORY_LIMIT,
} from '../../src/limits';
import { failureOf, RESUME_TEXT, setUp, signUp, type Person } from '../support/accounts';

const world = setUp('ada', 'bob');

const DESCRIPTION =
  'Own the ingestion pipeline end to end: Kafka consumers, Postgres schemas and caches.';

function asPerson<T>(person: Person, work: Parameters<typeof withUser<T>>[2]) {
  return withUser(world.t.app, person.id, work);
}

async function newApplication(person: Person) {
  return person.api.application.create({
    companyName: 'Globex',
    roleTitle: 'Engineer',
    jobDescription: DESCRIPTION,
  });
}

describe('issue 10: list calls are capped and say when they were cut short', () => {
  it(`the board returns at most ${BOARD_CARD_LIMIT} cards, first in column order, with truncated`, async () => {
    const { ada, bob } = world;
    const first = await newApplication(ada);
    await asPerson(ada, (tx) =>
      tx.execute(sql`
        insert into applications (user_id, company_id, role_title, job_description, stage, position)
        select user_id, company_id, 'Engineer ' || g, job_description, 'interested', 'a0' || lpad(g::text, 5, '0') || 'V'
          from applications, generate_series(1, ${BOARD_CARD_LIMIT}) g
         where id = ${first.id}`),
    );
    const board = await ada.api.application.list({});
    expect(board.truncated).toBe(true);
    expect(board.cards).toHaveLength(BOARD_CARD_LIMIT);
    expect(board.cards[0]!.id).toBe(first.id);
    expect(board.cards.at(-1)!.roleTitle).toBe(`Engineer ${BOARD_CARD_LIMIT - 1}`);
    // A filter that matches fewer is whole again.
    const few = await ada.api.application.list({ stage: 'applied' });
    expect(few).toEqual({
      cards: [],
      truncated: false,
      access: { ownerId: ada.id, role: 'owner' },
    });
    // Nobody else's board is affected.
    await newApplication(bob);
    expect((await bob.api.application.list({})).truncated).toBe(false);
  }, 60_000);

  it(`an application shows the newest ${STAGE_HISTORY_LIMIT} stage changes, oldest first`, async () => {
    const { ada } = world;
    const app = await newApplication(ada);
    // One transaction per change, as people make them (each gets its own time).
    for (let i = 0; i <= STAGE_HISTORY_LIMIT; i += 1) {
      await asPerson(ada, (tx) =>
        tx.execute(
          sql`update applications set stage = ${i % 2 === 0 ? 'applied' : 'interested'} where id = ${app.id}`,
        ),
      );
    }
    const detail = await ada.api.application.byId({ id: app.id });
    expect(detail.historyTruncated).toBe(true);
    expect(detail.history).toHaveLength(STAGE_HISTORY_LIMIT);
    const times = detail.history.map((h) => h.changedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(detail.history.at(-1)!.toStage).toBe('applied');
  }, 60_000);

  it(`an application shows at most ${CHILD_RECORD_LIMIT} interviews and contacts`, async () => {
    const { ada } = world;
    const app = await newApplication(ada);
    await asPerson(ada, async (tx) => {
      await tx.execute(sql`
        insert into interviews (application_id, user_id, scheduled_at)
        select ${app.id}, ${ada.id}, now() + make_interval(days => g)
          from generate_series(1, ${CHILD_RECORD_LIMIT + 1}) g`);
      await tx.execute(sql`
        insert into contacts (application_id, user_id, name)
        select ${app.id}, ${ada.id}, 'Contact ' || g
          from generate_series(1, ${CHILD_RECORD_LIMIT + 1}) g`);
    });
    const detail = await ada.api.application.byId({ id: app.id });
    expect(detail.interviews).toHaveLength(CHILD_RECORD_LIMIT);
    expect(detail.interviewsTruncated).toBe(true);
    expect(detail.contacts).toHaveLength(CHILD_RECORD_LIMIT);
    expect(detail.contactsTruncated).toBe(true);

    const small = await newApplication(ada);
    const whole = await ada.api.application.byId({ id: small.id });
    expect([whole.historyTruncated, whole.interviewsTruncated, whole.contactsTruncated]).toEqual([
      false,
      false,
      false,
    ]);
  }, 60_000);

  it(`a document lists its newest ${DOCUMENT_VERSION_LIMIT} versions, oldest first`, async () => {
    const { ada } = world;
    const app = await newApplication(ada);
    const total = DOCUMENT_VERSION_LIMIT + 1;
    await asPerson(ada, async (tx) => {
      await tx.execute(sql`
        insert into documents (application_id, user_id, type, current_version, status)
        values (${app.id}, ${ada.id}, 'research_report', ${total}, 'ready')`);
      await tx.execute(sql`
        insert into document_versions (document_id, user_id, version, content, generator)
        select d.id, d.user_id, g, 'Notes ' || g, 'test'
          from documents d, generate_series(1, ${total}) g
         where d.application_id = ${app.id}`);
    });
    const result = await ada.api.document.forApplication({ applicationId: app.id });
    expect(result.versionsTruncated).toBe(true);
    const versions = result.documents[0]!.versions.map((v) => v.version);
    expect(versions).toHaveLength(DOCUMENT_VERSION_LIMIT);
    expect(versions[0]).toBe(2);
    expect(versions.at(-1)).toBe(total);
    expect(result.documents[0]!.content).toBe(`Notes ${total}`);
  }, 60_000);

  it(`an account keeps at most ${SESSIONS_PER_USER_LIMIT} sessions: the least recently used end`, async () => {
    const { bob } = world;
    const meta = { userAgent: 'vitest', ip: null };
    const first = await createSession(world.t.app, generateSessionToken(), bob.id, meta);
    // Bob's own session is the one in use on this device: the most recently verified.
    await world.t.owner.db.execute(
      sql`update sessions set last_verified_at = now() + interval '1 hour' where id = ${sessionIdFromToken(bob.token)}`,
    );
    for (let i = 0; i < SESSIONS_PER_USER_LIMIT; i += 1) {
      await createSession(world.t.app, generateSessionToken(), bob.id, meta);
    }
    const sessions = await bob.api.auth.sessions();
    expect(sessions.length).toBeLessThanOrEqual(SESSIONS_PER_USER_LIMIT);
    const ids = new Set(sessions.map((s) => s.id));
    // Bob's own session stays; the least recently used one ended.
    expect(sessions.some((s) => s.current)).toBe(true);
    expect(ids.has(first.id)).toBe(false);
    const [count] = await world.t.owner.db.execute<{ n: number }>(
      sql`select count(*)::int as n from sessions where user_id = ${bob.id}`,
    );
    expect(count!.n).toBe(SESSIONS_PER_USER_LIMIT);
  }, 60_000);

  it(`a person keeps at most ${PROFILE_LIST_LIMIT} skills; adding past it says what to do`, async () => {
    const person = await signUp(world.t, 'collector');
    await asPerson(person, (tx) =>
      tx.execute(sql`
        insert into skills (user_id, name)
        select ${person.id}, 'Skill ' || g from generate_series(1, ${PROFILE_LIST_LIMIT - 1}) g`),
    );
    // Five at once for the one place left: exactly one gets it.
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => person.api.skill.create({ name: `Parallel ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = await failureOf(person.api.skill.create({ name: 'One too many' }));
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      message: `You can keep at most ${PROFILE_LIST_LIMIT} skills. Remove some to add more.`,
    });
    expect(await person.api.skill.list()).toHaveLength(PROFILE_LIST_LIMIT);
  }, 60_000);

  it(`a person keeps at most ${PROFILE_LIST_LIMIT} work experience entries`, async () => {
    const person = await signUp(world.t, 'veteran');
    await asPerson(person, (tx) =>
      tx.execute(sql`
        insert into work_experiences (user_id, company, title, start_date, position)
        select ${person.id}, 'Company ' || g, 'Engineer', '2020', g
          from generate_series(1, ${PROFILE_LIST_LIMIT}) g`),
    );
    const refused = await failureOf(
      person.api.experience.create({ company: 'Acme', title: 'Engineer', startDate: '2021' }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/at most \d+ work experience entries/);
    expect(await person.api.experience.list()).toHaveLength(PROFILE_LIST_LIMIT);
  }, 60_000);

  it(`a person keeps at most ${RESUME_LIMIT} base resumes; creating or duplicating past it is refused`, async () => {
    const person = await signUp(world.t, 'drafter');
    const first = await person.api.resume.create({ name: 'Base', content: RESUME_TEXT });
    await asPerson(person, (tx) =>
      tx.execute(sql`
        insert into resumes (user_id, name, content)
        select ${person.id}, 'Copy ' || g, ${RESUME_TEXT} from generate_series(2, ${RESUME_LIMIT}) g`),
    );
    const created = await failureOf(
      person.api.resume.create({ name: 'More', content: RESUME_TEXT }),
    );
    expect(created.message).toBe(
      `You can keep at most ${RESUME_LIMIT} base resumes. Remove some to add more.`,
    );
    const duplicated = await failureOf(person.api.resume.duplicate({ id: first.id }));
    expect(duplicated.code).toBe('BAD_REQUEST');
    expect(await person.api.resume.list()).toHaveLength(RESUME_LIMIT);
  }, 60_000);
});
