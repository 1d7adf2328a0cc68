// application_stage_facts (migration 0016) is derived from the stage history by
// triggers: whatever happens to a card and its history — moves, backdating, a
// rejection reason, a new source, several cards in one statement, history rows
// edited or deleted, a card deleted — each card's row equals what the card and
// its history say, computed here from them directly. People cannot write it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, type Stage } from '../src/schema/index';
import { withUser } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import { JOB_DESCRIPTION, seedUser, type Seeded } from './support/rls';

let t: TestDatabase;
let alice: Seeded;

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await seedUser(t, 'alice');
});

afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;

/** The facts as the trigger keeps them, and as the history says they should be. */
async function factsAndTruth(userId: string) {
  const kept = await t.owner.db.execute<Record<string, unknown>>(sql`
    select application_id::text, stage::text, source, private, created_at, applied_time, first_response_at,
           reached_interviewing, reached_offer, reached_accepted,
           closed_stages::text, closed_days::text, open_stage::text, open_entered_at
      from application_stage_facts where user_id = ${userId} order by 1`);
  const truth = await t.owner.db.execute<Record<string, unknown>>(sql`
    select a.id::text as application_id, a.stage::text, a.source, a.private, a.created_at,
           least(a.applied_at, min(s.changed_at) filter (where s.to_stage <> 'interested'))
             as applied_time,
           min(s.changed_at) filter (where s.to_stage in ('interviewing', 'offer', 'accepted', 'rejected'))
             as first_response_at,
           coalesce(bool_or(s.to_stage in ('interviewing', 'offer', 'accepted')), false)
             as reached_interviewing,
           coalesce(bool_or(s.to_stage in ('offer', 'accepted')), false) as reached_offer,
           coalesce(bool_or(s.to_stage = 'accepted'), false) as reached_accepted,
           coalesce(array_agg(s.to_stage order by s.ord) filter (where s.left_at is not null),
                    '{}')::text as closed_stages,
           coalesce(array_agg(date_part('epoch', s.left_at - s.changed_at) / 86400.0 order by s.ord)
                      filter (where s.left_at is not null), '{}')::text as closed_days,
           min(s.to_stage::text) filter (where s.left_at is null) as open_stage,
           min(s.changed_at) filter (where s.left_at is null) as open_entered_at
      from applications a
      left join (select h.*, lead(h.changed_at) over w as left_at, row_number() over w as ord
                   from application_stage_history h
                 window w as (partition by h.application_id
                              order by h.changed_at, h.from_stage is not null, h.id)) s
        on s.application_id = a.id
     where a.user_id = ${userId}
     group by a.id order by 1`);
  return { kept: [...kept], truth: [...truth] };
}

async function create(values: { stage?: Stage; appliedAt?: Date }[]): Promise<string[]> {
  return withUser(t.app, alice.userId, async (tx) => {
    const rows = await tx
      .insert(applications)
      .values(
        values.map((v, i) => ({
          userId: alice.userId,
          companyId: alice.companyId,
          companyName: 'copied by trigger',
          roleTitle: `Engineer ${i}`,
          jobDescription: JOB_DESCRIPTION,
          position: `a${i}`,
          ...v,
        })),
      )
      .returning({ id: applications.id });
    return rows.map((r) => r.id);
  });
}

async function move(id: string, values: Partial<typeof applications.$inferInsert>) {
  await withUser(t.app, alice.userId, (tx) =>
    tx
      .update(applications)
      .set(values)
      .where(sql`${applications.id} = ${id}`),
  );
}

describe('stage facts follow the history', () => {
  it('after creation, moves, backdating, bulk inserts, history edits and deletes', async () => {
    const past = new Date(Date.now() - 40 * DAY);
    const [a, b, c, d] = await create([
      {},
      { stage: 'applied', appliedAt: past },
      { stage: 'interviewing', appliedAt: new Date(Date.now() - 10 * DAY) },
      { stage: 'interested' },
    ]);
    let { kept, truth } = await factsAndTruth(alice.userId);
    expect(kept).toEqual(truth);
    expect(kept.length).toBeGreaterThanOrEqual(4);

    await move(a!, { stage: 'applied' });
    await move(a!, { stage: 'interviewing' });
    await move(a!, { stage: 'offer' });
    await move(a!, { stage: 'accepted' });
    await move(b!, { stage: 'rejected', rejectionReason: 'Filled internally' });
    await move(b!, { appliedAt: new Date(Date.now() - 50 * DAY) });
    await move(c!, { stage: 'interested' });
    await move(c!, { stage: 'applied' });
    await move(d!, { source: 'LinkedIn', private: true });
    ({ kept, truth } = await factsAndTruth(alice.userId));
    expect(kept).toEqual(truth);
    const factsOf = (id: string) => kept.find((r) => r.application_id === id)!;
    expect(factsOf(a!)).toMatchObject({
      reached_interviewing: true,
      reached_offer: true,
      reached_accepted: true,
    });
    expect(factsOf(b!)).toMatchObject({ reached_interviewing: false });
    expect(factsOf(b!).first_response_at).not.toBeNull();
    expect(factsOf(d!).applied_time).toBeNull();

    // The owner role edits and deletes history rows directly (as a repair would).
    await t.owner.db.execute(sql`
      update application_stage_history set changed_at = changed_at - interval '3 days'
       where application_id = ${a!} and to_stage = 'offer'`);
    await t.owner.db.execute(sql`
      delete from application_stage_history where application_id = ${c!} and to_stage = 'interviewing'`);
    ({ kept, truth } = await factsAndTruth(alice.userId));
    expect(kept).toEqual(truth);

    // A card deleted takes its facts with it.
    await withUser(t.app, alice.userId, (tx) =>
      tx.delete(applications).where(sql`${applications.id} = ${d!}`),
    );
    ({ kept, truth } = await factsAndTruth(alice.userId));
    expect(kept).toEqual(truth);
    expect(kept.some((r) => r.application_id === d)).toBe(false);
  });

  it('a card whose history is removed entirely keeps a row with no steps', async () => {
    const [id] = await create([{ stage: 'applied' }]);
    await move(id!, { source: 'Referral' });
    await t.owner.db.execute(
      sql`delete from application_stage_history where application_id = ${id!}`,
    );
    const { kept, truth } = await factsAndTruth(alice.userId);
    expect(kept).toEqual(truth);
    expect(kept.find((r) => r.application_id === id)).toMatchObject({
      source: 'Referral',
      closed_stages: '{}',
      open_stage: null,
    });
  });

  it('people cannot write their facts', async () => {
    const [id] = await create([{}]);
    await expect(
      withUser(t.app, alice.userId, (tx) =>
        tx.execute(
          sql`update application_stage_facts set reached_accepted = true where application_id = ${id!}`,
        ),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } }); // insufficient_privilege
  });
});
