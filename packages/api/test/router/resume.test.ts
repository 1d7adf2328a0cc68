// Resumes through the real router and database: the primary rule, copies,
// and two concurrent changes of the primary.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { primaryResumeLockKey } from '../../src/services/resume';
import { failureOf, RESUME_TEXT, setUp, signUp } from '../support/accounts';

const world = setUp('ada', 'bob');

describe('resumes', () => {
  async function primaries(userId: string) {
    const rows = await world.t.owner.db.execute<{ id: string }>(
      sql`select id from resumes where user_id = ${userId} and is_primary`,
    );
    return rows.map((r) => r.id);
  }

  it('a resume under 100 characters is refused with the minimum in the message', async () => {
    const failure = await failureOf(
      world.ada.api.resume.create({ name: 'Short', content: '# Too short' }),
    );
    expect(failure.fieldErrors?.content?.[0]).toMatch(/at least 100 characters/);
  });

  it('the first resume becomes primary; setting another primary demotes it', async () => {
    const person = await signUp(world.t, 'writer');
    const first = await person.api.resume.create({ name: 'General', content: RESUME_TEXT });
    const second = await person.api.resume.create({
      name: 'Backend',
      content: RESUME_TEXT,
      focusArea: 'Backend',
    });
    expect(first.isPrimary).toBe(true);
    expect(second.isPrimary).toBe(false);
    await person.api.resume.setPrimary({ id: second.id });
    expect(await primaries(person.id)).toEqual([second.id]);
    const list = await person.api.resume.list();
    expect(list.map((r) => [r.name, r.isPrimary])).toEqual([
      ['Backend', true],
      ['General', false],
    ]);
    expect(list[0]).not.toHaveProperty('content');
    expect(list[0]!.length).toBe(RESUME_TEXT.length);
  });

  it('duplicating a resume copies its text under a new name, not as primary', async () => {
    const person = await signUp(world.t, 'copier');
    const original = await person.api.resume.create({
      name: 'General',
      content: RESUME_TEXT,
      focusArea: 'Data',
    });
    const copy = await person.api.resume.duplicate({ id: original.id });
    expect(copy).toMatchObject({
      name: 'General (copy)',
      content: RESUME_TEXT,
      focusArea: 'Data',
      isPrimary: false,
    });
    expect((await person.api.resume.byId({ id: copy.id })).content).toBe(RESUME_TEXT);
  });

  it('deleting the primary resume promotes the most recently edited one left', async () => {
    const person = await signUp(world.t, 'pruner');
    const a = await person.api.resume.create({ name: 'A', content: RESUME_TEXT });
    const b = await person.api.resume.create({ name: 'B', content: RESUME_TEXT });
    const c = await person.api.resume.create({ name: 'C', content: RESUME_TEXT });
    await person.api.resume.update({ id: b.id, focusArea: 'Edited last' });
    const deleted = await person.api.resume.delete({ id: a.id });
    expect(deleted).toEqual({ id: a.id, promotedId: b.id });
    expect(await primaries(person.id)).toEqual([b.id]);
    await person.api.resume.delete({ id: c.id });
    expect(await primaries(person.id)).toEqual([b.id]);
  });

  it("a user cannot read, copy, make primary or delete another user's resume", async () => {
    const theirs = await world.bob.api.resume.create({ name: 'Bob', content: RESUME_TEXT });
    for (const call of [
      () => world.ada.api.resume.byId({ id: theirs.id }),
      () => world.ada.api.resume.duplicate({ id: theirs.id }),
      () => world.ada.api.resume.setPrimary({ id: theirs.id }),
      () => world.ada.api.resume.delete({ id: theirs.id }),
    ]) {
      expect(await failureOf(call())).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Resume not found.',
      });
    }
    expect(await primaries(world.bob.id)).toContain(theirs.id);
  });

  it('two concurrent "make primary" requests both succeed and leave exactly one primary', async () => {
    const person = await signUp(world.t, 'racer');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D']) {
      ids.push((await person.api.resume.create({ name, content: RESUME_TEXT })).id);
    }
    // Hold the user's primary lock from outside so both requests are in their
    // transactions, waiting, at the same time; then let them go together.
    const holder = await world.t.owner.sql.reserve();
    try {
      for (let round = 0; round < 5; round += 1) {
        await holder`begin`;
        const [x, y] = [ids[round % 4]!, ids[(round + 1) % 4]!];
        await holder`select pg_advisory_xact_lock(hashtextextended(${primaryResumeLockKey(person.id)}, 0))`;
        const both = Promise.allSettled([
          person.api.resume.setPrimary({ id: x }),
          person.api.resume.setPrimary({ id: y }),
        ]);
        await waitFor(async () => (await advisoryWaiters()) >= 2);
        await holder`commit`;
        const outcomes = await both;
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
        const now = await primaries(person.id);
        expect(now).toHaveLength(1);
        expect([x, y]).toContain(now[0]);
      }
    } finally {
      holder.release();
    }
    // And without the gate, many at once, mixed with creates that ask to be primary.
    for (let round = 0; round < 10; round += 1) {
      const outcomes = await Promise.allSettled([
        person.api.resume.setPrimary({ id: ids[round % 4]! }),
        person.api.resume.setPrimary({ id: ids[(round + 2) % 4]! }),
        person.api.resume.create({ name: `New ${round}`, content: RESUME_TEXT, isPrimary: true }),
      ]);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(await primaries(person.id)).toHaveLength(1);
    }
  });
});

async function advisoryWaiters(): Promise<number> {
  const [row] = await world.t.owner.sql<{ n: number }[]>`
    select count(*)::int as n from pg_locks
     where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`;
  return row!.n;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
