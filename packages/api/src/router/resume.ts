// Base resumes (Markdown): list, read, write, duplicate, and the primary one
// the generators start from. At most one is primary (a partial unique index);
// every change that can move the primary flag first takes a per-user advisory
// lock, so two such requests at once run one after the other and both succeed
// instead of one failing on the index. The first resume becomes primary, and
// deleting the primary promotes the most recently edited one left.
import type { TRPCRouterRecord } from '@trpc/server';
import { and, desc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RESUME_MIN_LENGTH, resumes, withUser, type Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { definedChanges, id, optionalText, requiredText } from '../fields';
import { protectedProcedure } from '../trpc';

const NAME_MAX = 200;

export const resumeFields = {
  name: requiredText('Give the resume a name.', 'The name', NAME_MAX),
  content: z
    .string({ error: 'Write the resume in Markdown.' })
    .min(
      RESUME_MIN_LENGTH,
      `A base resume needs at least ${RESUME_MIN_LENGTH} characters for the generators to work from.`,
    )
    .max(200_000, 'A resume can be at most 200,000 characters.')
    .refine((text) => text.trim().length >= RESUME_MIN_LENGTH, {
      message: `A base resume needs at least ${RESUME_MIN_LENGTH} characters of text, not just spaces.`,
    }),
  focusArea: optionalText('The focus area', 200),
};

/** Names the advisory lock that serialises one user's primary-resume changes. */
export function primaryResumeLockKey(userId: string): string {
  return `pursuit.resumes.primary:${userId}`;
}

/** Held until the transaction ends; the key is hashed to the bigint Postgres locks on. */
async function lockPrimary(tx: Tx, userId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${primaryResumeLockKey(userId)}, 0))`,
  );
}

async function currentPrimary(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: resumes.id })
    .from(resumes)
    .where(and(eq(resumes.userId, userId), eq(resumes.isPrimary, true)));
  return row?.id ?? null;
}

async function makePrimary(tx: Tx, userId: string, resumeId: string) {
  await tx
    .update(resumes)
    .set({ isPrimary: false })
    .where(and(eq(resumes.userId, userId), eq(resumes.isPrimary, true), ne(resumes.id, resumeId)));
  const [row] = await tx
    .update(resumes)
    .set({ isPrimary: true })
    .where(and(eq(resumes.id, resumeId), eq(resumes.userId, userId)))
    .returning();
  return row;
}

const { content: _content, ...summaryColumns } = getTableColumns(resumes);

export const resumeRouter = {
  /** Every resume without its text (the list view); byId has the text. */
  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select({ ...summaryColumns, length: sql<number>`char_length(${resumes.content})` })
        .from(resumes)
        .where(eq(resumes.userId, ctx.user.id))
        .orderBy(desc(resumes.isPrimary), desc(resumes.updatedAt), desc(resumes.id)),
    ),
  ),

  byId: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx.select().from(resumes).where(eq(resumes.id, input.id));
      if (!row) throw notFound('Resume');
      return row;
    }),
  ),

  create: protectedProcedure
    .input(z.object({ ...resumeFields, isPrimary: z.boolean().optional() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const { isPrimary, ...fields } = input;
        await lockPrimary(tx, ctx.user.id);
        const primary = isPrimary ?? (await currentPrimary(tx, ctx.user.id)) === null;
        const [row] = await tx
          .insert(resumes)
          .values({ ...fields, userId: ctx.user.id })
          .returning();
        if (!primary) return row!;
        return (await makePrimary(tx, ctx.user.id, row!.id))!;
      }),
    ),

  update: protectedProcedure
    .input(
      z.object({
        id,
        name: resumeFields.name.optional(),
        content: resumeFields.content.optional(),
        focusArea: resumeFields.focusArea,
      }),
    )
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const { id: resumeId, ...changes } = input;
        const [row] = await tx
          .update(resumes)
          .set(definedChanges(changes))
          .where(eq(resumes.id, resumeId))
          .returning();
        if (!row) throw notFound('Resume');
        return row;
      }),
    ),

  setPrimary: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      await lockPrimary(tx, ctx.user.id);
      const row = await makePrimary(tx, ctx.user.id, input.id);
      if (!row) throw notFound('Resume');
      return row;
    }),
  ),

  duplicate: protectedProcedure
    .input(z.object({ id, name: resumeFields.name.optional() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const [source] = await tx.select().from(resumes).where(eq(resumes.id, input.id));
        if (!source) throw notFound('Resume');
        const name = input.name ?? `${source.name} (copy)`.slice(0, NAME_MAX);
        const [row] = await tx
          .insert(resumes)
          .values({
            userId: ctx.user.id,
            name,
            content: source.content,
            focusArea: source.focusArea,
          })
          .returning();
        return row!;
      }),
    ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      await lockPrimary(tx, ctx.user.id);
      const [row] = await tx
        .delete(resumes)
        .where(eq(resumes.id, input.id))
        .returning({ id: resumes.id, isPrimary: resumes.isPrimary });
      if (!row) throw notFound('Resume');
      let promoted: string | null = null;
      if (row.isPrimary) {
        const [next] = await tx
          .select({ id: resumes.id })
          .from(resumes)
          .where(eq(resumes.userId, ctx.user.id))
          .orderBy(desc(resumes.updatedAt), desc(resumes.id))
          .limit(1);
        if (next) promoted = (await makePrimary(tx, ctx.user.id, next.id))?.id ?? null;
      }
      return { id: row.id, promotedId: promoted };
    }),
  ),
} satisfies TRPCRouterRecord;
