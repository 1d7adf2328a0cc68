// Base resumes (Markdown) and the primary rule. At most one is primary (a
// partial unique index); every change that can move the primary flag first
// takes a per-user advisory lock, so two such requests at once run one after
// the other and both succeed instead of one failing on the index. The first
// resume becomes primary, and deleting the primary promotes the most recently
// edited one left.
import { and, desc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import { resumes, type Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { definedChanges } from '../fields';
import { RESUME_LIMIT } from '../limits';
import { makeRoom } from './caps';
import { missedRow } from './rows';

export const RESUME_NAME_MAX = 200;

type ResumeFields = Pick<typeof resumes.$inferInsert, 'name' | 'content' | 'focusArea'>;

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

/** Every resume without its text (the list view); readResume has the text. */
export function listResumes(tx: Tx, userId: string) {
  return tx
    .select({ ...summaryColumns, length: sql<number>`char_length(${resumes.content})` })
    .from(resumes)
    .where(eq(resumes.userId, userId))
    .orderBy(desc(resumes.isPrimary), desc(resumes.updatedAt), desc(resumes.id))
    .limit(RESUME_LIMIT);
}

export async function readResume(tx: Tx, resumeId: string) {
  const [row] = await tx.select().from(resumes).where(eq(resumes.id, resumeId));
  if (!row) throw notFound('Resume');
  return row;
}

/** The first resume becomes primary unless the person says otherwise. */
export async function createResume(
  tx: Tx,
  userId: string,
  input: ResumeFields & { isPrimary?: boolean | undefined },
) {
  const { isPrimary, ...fields } = input;
  await makeRoom(tx, resumes, userId);
  await lockPrimary(tx, userId);
  const primary = isPrimary ?? (await currentPrimary(tx, userId)) === null;
  const [row] = await tx
    .insert(resumes)
    .values({ ...fields, userId })
    .returning();
  if (!primary) return row!;
  return (await makePrimary(tx, userId, row!.id))!;
}

export async function updateResume(tx: Tx, resumeId: string, changes: Partial<ResumeFields>) {
  const [row] = await tx
    .update(resumes)
    .set(definedChanges(changes))
    .where(eq(resumes.id, resumeId))
    .returning();
  if (!row) throw await missedRow(tx, resumes, resumeId, 'Resume', false, 'change this');
  return row;
}

export async function setPrimaryResume(tx: Tx, userId: string, resumeId: string) {
  await lockPrimary(tx, userId);
  const row = await makePrimary(tx, userId, resumeId);
  if (!row) throw await missedRow(tx, resumes, resumeId, 'Resume', true, 'change this');
  return row;
}

/** A copy of the text under a new name (by default "… (copy)"), never primary. */
export async function duplicateResume(
  tx: Tx,
  userId: string,
  resumeId: string,
  name: string | undefined,
) {
  const source = await readResume(tx, resumeId);
  await makeRoom(tx, resumes, userId);
  const [row] = await tx
    .insert(resumes)
    .values({
      userId,
      name: name ?? `${source.name} (copy)`.slice(0, RESUME_NAME_MAX),
      content: source.content,
      focusArea: source.focusArea,
    })
    .returning();
  return row!;
}

/** Deleting the primary promotes the most recently edited resume left. */
export async function deleteResume(tx: Tx, userId: string, resumeId: string) {
  await lockPrimary(tx, userId);
  const [row] = await tx
    .delete(resumes)
    .where(eq(resumes.id, resumeId))
    .returning({ id: resumes.id, isPrimary: resumes.isPrimary });
  if (!row) throw await missedRow(tx, resumes, resumeId, 'Resume', true, 'delete this');
  let promoted: string | null = null;
  if (row.isPrimary) {
    const [next] = await tx
      .select({ id: resumes.id })
      .from(resumes)
      .where(eq(resumes.userId, userId))
      .orderBy(desc(resumes.updatedAt), desc(resumes.id))
      .limit(1);
    if (next) promoted = (await makePrimary(tx, userId, next.id))?.id ?? null;
  }
  return { id: row.id, promotedId: promoted };
}
