// Rules migration 0014 puts in Postgres (issue 13): the stage history follows a
// backdated applied date and keeps the rejection reason; a rejection reason
// never outlives the rejection; what was sent stays frozen; a calendar token
// opens only its owner's feed.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationStageHistory,
  applications,
  calendarFeeds,
  resumes,
  sentMaterials,
  type Stage,
} from '../src/schema/index';
import { withUser } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import { JOB_DESCRIPTION, RESUME_CONTENT, seedUser, type Seeded } from './support/rls';

const FIRST_CUT = `# Backend résumé, first cut\n\n${RESUME_CONTENT}`;

let t: TestDatabase;
let alice: Seeded;
let bob: Seeded;

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await seedUser(t, 'alice');
  bob = await seedUser(t, 'bob');
});

afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;

async function createApplication(
  user: Seeded,
  values: { stage?: Stage; appliedAt?: Date; rejectionReason?: string } = {},
): Promise<string> {
  return withUser(t.app, user.userId, async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({
        userId: user.userId,
        companyId: user.companyId,
        companyName: 'copied by trigger',
        roleTitle: 'Engineer',
        jobDescription: JOB_DESCRIPTION,
        position: 'a1',
        ...values,
      })
      .returning({ id: applications.id });
    return row!.id;
  });
}

async function update(user: Seeded, id: string, values: Partial<typeof applications.$inferInsert>) {
  await withUser(t.app, user.userId, (tx) =>
    tx.update(applications).set(values).where(eq(applications.id, id)),
  );
}

async function history(user: Seeded, id: string) {
  return withUser(t.app, user.userId, (tx) =>
    tx
      .select({
        from: applicationStageHistory.fromStage,
        to: applicationStageHistory.toStage,
        at: applicationStageHistory.changedAt,
        reason: applicationStageHistory.reason,
      })
      .from(applicationStageHistory)
      .where(eq(applicationStageHistory.applicationId, id))
      .orderBy(asc(applicationStageHistory.changedAt), asc(applicationStageHistory.id)),
  );
}

async function row(user: Seeded, id: string) {
  const [found] = await withUser(t.app, user.userId, (tx) =>
    tx.select().from(applications).where(eq(applications.id, id)),
  );
  return found!;
}

describe('the ghosted stage', () => {
  it('an application can be created in and moved to ghosted, and history records it', async () => {
    const id = await createApplication(alice, { stage: 'applied' });
    await update(alice, id, { stage: 'ghosted' });
    expect((await history(alice, id)).map((h) => h.to)).toEqual(['applied', 'ghosted']);
  });
});

describe('backdated applications', () => {
  it('a card created as applied with a past applied date records the step at that date', async () => {
    const appliedAt = new Date(Date.now() - 40 * DAY);
    const id = await createApplication(alice, { stage: 'applied', appliedAt });
    const steps = await history(alice, id);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ from: null, to: 'applied' });
    expect(steps[0]!.at.toISOString()).toBe(appliedAt.toISOString());
  });

  it('a card imported as rejected gets an applied step at the applied date, then the rejection now', async () => {
    const appliedAt = new Date(Date.now() - 60 * DAY);
    const before = Date.now();
    const id = await createApplication(alice, {
      stage: 'rejected',
      appliedAt,
      rejectionReason: 'Position filled',
    });
    const steps = await history(alice, id);
    expect(steps.map((s) => [s.from, s.to, s.reason])).toEqual([
      [null, 'applied', null],
      ['applied', 'rejected', 'Position filled'],
    ]);
    expect(steps[0]!.at.toISOString()).toBe(appliedAt.toISOString());
    expect(steps[1]!.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it('moving from interested with a past applied date puts the applied step at that date and the creation just before it', async () => {
    const id = await createApplication(alice);
    const appliedAt = new Date(Date.now() - 10 * DAY);
    await update(alice, id, { stage: 'applied', appliedAt });
    const steps = await history(alice, id);
    expect(steps.map((s) => [s.from, s.to])).toEqual([
      [null, 'interested'],
      ['interested', 'applied'],
    ]);
    expect(steps[1]!.at.toISOString()).toBe(appliedAt.toISOString());
    // The card cannot have been created after the person applied.
    expect(steps[0]!.at.getTime()).toBeLessThanOrEqual(appliedAt.getTime());
  });

  it('editing the applied date later moves the applied step with it', async () => {
    const id = await createApplication(alice);
    await update(alice, id, { stage: 'applied' });
    const stamped = (await row(alice, id)).appliedAt!;
    expect(Math.abs(stamped.getTime() - Date.now())).toBeLessThan(60_000);
    const earlier = new Date(Date.now() - 25 * DAY);
    await update(alice, id, { appliedAt: earlier });
    const steps = await history(alice, id);
    expect(steps.map((s) => s.to)).toEqual(['interested', 'applied']);
    expect(steps[1]!.at.toISOString()).toBe(earlier.toISOString());
  });

  it('a card moved back to interested and applied again records the second move now', async () => {
    const appliedAt = new Date(Date.now() - 30 * DAY);
    const id = await createApplication(alice, { stage: 'applied', appliedAt });
    await update(alice, id, { stage: 'interested' });
    const before = Date.now();
    await update(alice, id, { stage: 'applied' });
    const steps = await history(alice, id);
    expect(steps.map((s) => s.to)).toEqual(['applied', 'interested', 'applied']);
    expect(steps[0]!.at.toISOString()).toBe(appliedAt.toISOString());
    expect(steps[2]!.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it('a move made now with no applied date is stamped now, as before', async () => {
    const id = await createApplication(alice);
    await update(alice, id, { stage: 'interviewing' });
    const steps = await history(alice, id);
    expect(steps.map((s) => [s.from, s.to])).toEqual([
      [null, 'interested'],
      ['interested', 'interviewing'],
    ]);
    expect((await row(alice, id)).appliedAt).not.toBeNull();
  });
});

describe('rejection reasons', () => {
  it('a move to rejected keeps its reason with the move', async () => {
    const id = await createApplication(alice, { stage: 'applied' });
    await update(alice, id, {
      stage: 'rejected',
      rejectionReason: 'Went with an internal candidate',
    });
    const steps = await history(alice, id);
    expect(steps.at(-1)).toMatchObject({
      to: 'rejected',
      reason: 'Went with an internal candidate',
    });
  });

  it('a reason given after the move is written to that move', async () => {
    const id = await createApplication(alice, { stage: 'applied' });
    await update(alice, id, { stage: 'rejected' });
    await update(alice, id, { rejectionReason: 'Salary expectations' });
    expect((await history(alice, id)).at(-1)).toMatchObject({
      to: 'rejected',
      reason: 'Salary expectations',
    });
  });

  it('one update may both backdate the application and give the rejection reason', async () => {
    const id = await createApplication(alice, { stage: 'applied' });
    await update(alice, id, { stage: 'rejected' });
    const appliedAt = new Date(Date.now() - 12 * DAY);
    await update(alice, id, { appliedAt, rejectionReason: 'Not enough experience' });
    const steps = await history(alice, id);
    expect(steps.map((s) => [s.to, s.reason])).toEqual([
      ['applied', null],
      ['rejected', 'Not enough experience'],
    ]);
    expect(steps[0]!.at.toISOString()).toBe(appliedAt.toISOString());
  });

  it('moving on from rejected drops the reason, so a later rejection does not inherit it', async () => {
    const id = await createApplication(alice, { stage: 'applied' });
    await update(alice, id, { stage: 'rejected', rejectionReason: 'Role cancelled' });
    await update(alice, id, { stage: 'interviewing' });
    expect((await row(alice, id)).rejectionReason).toBeNull();
    await update(alice, id, { stage: 'rejected' });
    const steps = await history(alice, id);
    expect(steps.filter((s) => s.to === 'rejected').map((s) => s.reason)).toEqual([
      'Role cancelled',
      null,
    ]);
  });

  it('a reason on a stage other than rejected is not kept', async () => {
    const id = await createApplication(alice, { stage: 'applied', rejectionReason: 'stray' });
    expect((await row(alice, id)).rejectionReason).toBeNull();
  });

  it('a reason longer than 500 characters is refused', async () => {
    await expect(
      createApplication(alice, { stage: 'rejected', rejectionReason: 'x'.repeat(501) }),
    ).rejects.toThrow();
  });
});

describe('what was sent', () => {
  it('the sent text stays as it was when the base résumé changes or goes', async () => {
    const id = await createApplication(alice, { stage: 'applied' });
    const resumeId = await withUser(t.app, alice.userId, async (tx) => {
      const [resume] = await tx
        .insert(resumes)
        .values({ userId: alice.userId, name: 'Backend', content: FIRST_CUT })
        .returning({ id: resumes.id });
      await tx.insert(sentMaterials).values({
        applicationId: id,
        userId: alice.userId,
        kind: 'resume',
        resumeId: resume!.id,
        label: 'Backend',
        content: FIRST_CUT,
      });
      return resume!.id;
    });
    await withUser(t.app, alice.userId, async (tx) => {
      await tx
        .update(resumes)
        .set({ content: `${FIRST_CUT}\n\nRewritten.` })
        .where(eq(resumes.id, resumeId));
      await tx.delete(resumes).where(eq(resumes.id, resumeId));
    });
    const [sent] = await withUser(t.app, alice.userId, (tx) =>
      tx
        .select()
        .from(sentMaterials)
        .where(and(eq(sentMaterials.applicationId, id), eq(sentMaterials.kind, 'resume'))),
    );
    expect(sent).toMatchObject({ resumeId: null, content: FIRST_CUT });
  });

  it('an application has one sent résumé: a second one for the same kind is refused', async () => {
    const id = await createApplication(alice);
    const insert = () =>
      withUser(t.app, alice.userId, (tx) =>
        tx.insert(sentMaterials).values({
          applicationId: id,
          userId: alice.userId,
          kind: 'resume',
          label: 'A',
          content: 'a',
        }),
      );
    await insert();
    await expect(insert()).rejects.toThrow();
  });
});

describe('calendar feed tokens', () => {
  const hash = (token: string) => createHash('sha256').update(token).digest('hex');

  async function ownerOf(token: string): Promise<string | null> {
    const [found] = await withUser(t.app, bob.userId, (tx) =>
      tx.execute<{ owner: string | null }>(
        sql`select pursuit.calendar_feed_owner(${hash(token)}) as owner`,
      ),
    );
    return found?.owner ?? null;
  }

  it('a token opens its owner’s feed and nothing else; a replaced token opens nothing', async () => {
    const first = randomBytes(32).toString('base64url');
    const second = randomBytes(32).toString('base64url');
    await withUser(t.app, alice.userId, (tx) =>
      tx
        .insert(calendarFeeds)
        .values({ userId: alice.userId, tokenHash: hash(first) })
        .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hash(first) } }),
    );
    expect(await ownerOf(first)).toBe(alice.userId);
    expect(await ownerOf('not-a-token')).toBeNull();
    await withUser(t.app, alice.userId, (tx) =>
      tx
        .update(calendarFeeds)
        .set({ tokenHash: hash(second) })
        .where(eq(calendarFeeds.userId, alice.userId)),
    );
    expect(await ownerOf(first)).toBeNull();
    expect(await ownerOf(second)).toBe(alice.userId);
  });

  it('a disabled account’s feed opens nothing', async () => {
    const token = randomBytes(32).toString('base64url');
    const carol = await seedUser(t, 'carol');
    await withUser(t.app, carol.userId, (tx) =>
      tx
        .insert(calendarFeeds)
        .values({ userId: carol.userId, tokenHash: hash(token) })
        .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hash(token) } }),
    );
    expect(await ownerOf(token)).toBe(carol.userId);
    await t.owner.sql`update users set disabled_at = now() where id = ${carol.userId}`;
    expect(await ownerOf(token)).toBeNull();
  });

  it('a person cannot read another person’s feed row', async () => {
    const rows = await withUser(t.app, bob.userId, (tx) =>
      tx.select().from(calendarFeeds).where(eq(calendarFeeds.userId, alice.userId)),
    );
    expect(rows).toEqual([]);
  });
});
