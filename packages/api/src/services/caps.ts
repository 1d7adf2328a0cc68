// Per-account caps on the lists a person builds by hand (issue 10): adding past
// the cap is a BAD_REQUEST saying what to do, so each list stays bounded and
// its list call can return all of it. A per-user, per-table advisory lock makes
// the count-then-insert exact under parallel requests.
import { TRPCError } from '@trpc/server';
import { count, eq, getTableName, sql } from 'drizzle-orm';
import type { Tx } from '@pursuit/db';
import { PROFILE_LIST_LIMIT, RESUME_LIMIT, TARGET_LIMIT } from '../limits';
import type { OwnedTable } from './rows';

/** How many rows of each capped table one account may keep, and their name. */
const caps: Record<string, { limit: number; plural: string }> = {
  work_experiences: { limit: PROFILE_LIST_LIMIT, plural: 'work experience entries' },
  education: { limit: PROFILE_LIST_LIMIT, plural: 'education entries' },
  certifications: { limit: PROFILE_LIST_LIMIT, plural: 'certifications' },
  projects: { limit: PROFILE_LIST_LIMIT, plural: 'projects' },
  skills: { limit: PROFILE_LIST_LIMIT, plural: 'skills' },
  resumes: { limit: RESUME_LIMIT, plural: 'base resumes' },
  job_targets: { limit: TARGET_LIMIT, plural: 'targets' },
};

function capOf(table: OwnedTable) {
  const cap = caps[getTableName(table)];
  if (!cap) throw new Error(`no cap is set for ${getTableName(table)}`);
  return cap;
}

/** The most rows of `table` one account may keep. */
export function limitOf(table: OwnedTable): number {
  return capOf(table).limit;
}

function tooMany(limit: number, plural: string): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: `You can keep at most ${limit} ${plural}. Remove some to add more.`,
  });
}

async function countOwned(tx: Tx, table: OwnedTable, userId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(table).where(eq(table.userId, userId));
  return row?.n ?? 0;
}

/** Refuses to add `adding` rows when that would pass the cap; holds the lock until commit. */
export async function makeRoom(tx: Tx, table: OwnedTable, userId: string, adding = 1) {
  const { limit, plural } = capOf(table);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`pursuit.cap:${getTableName(table)}:${userId}`}, 0))`,
  );
  if ((await countOwned(tx, table, userId)) + adding > limit) throw tooMany(limit, plural);
}

/** After a bulk write (an import): refuses, rolling it back, if it passed the cap. */
export async function assertWithinCap(tx: Tx, table: OwnedTable, userId: string) {
  const { limit, plural } = capOf(table);
  if ((await countOwned(tx, table, userId)) > limit) throw tooMany(limit, plural);
}
