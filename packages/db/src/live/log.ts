// Reading pursuit_internal.change_log (owner role only). The watermark rule:
// only rows whose transaction id is below the snapshot's xmin are read, since
// every such transaction has ended; newer ones wait until it passes them.
import type { Database } from '../client';
import type { LivePosition } from './event-id';

export type ChangeOp = 'insert' | 'update' | 'delete';

export interface ChangeRow {
  position: LivePosition;
  table: string;
  rowId: string;
  op: ChangeOp;
  userId: string | null;
  /** Only for the owner (userId) and alsoUserId, not the owner's grantees (0012). */
  private: boolean;
  /** A second person the change is for besides the owner: a share's grantee. */
  alsoUserId: string | null;
}

// Ordering is always by the table's bigint columns (c.xid, c.id): the output
// columns are cast to text for exact transport, and ORDER BY on those names
// would sort "1005" before "980".
interface RawChange {
  xid: string;
  id: string;
  table_name: string;
  row_id: string;
  op: ChangeOp;
  user_id: string | null;
  private: boolean;
  also_user_id: string | null;
}

function toChange(row: RawChange): ChangeRow {
  return {
    position: { xid: BigInt(row.xid), id: BigInt(row.id) },
    table: row.table_name,
    rowId: row.row_id,
    op: row.op,
    userId: row.user_id,
    private: row.private,
    alsoUserId: row.also_user_id,
  };
}

/** Committed changes after `after`, in commit order, at most `limit`. */
export async function readChangesAfter(
  owner: Database,
  after: LivePosition,
  limit = 1000,
): Promise<ChangeRow[]> {
  const rows = await owner.sql<RawChange[]>`
    select c.xid::text, c.id::text, c.table_name, c.row_id, c.op, c.user_id, c.private, c.also_user_id
      from pursuit_internal.change_log c
     where (c.xid, c.id) > (${after.xid.toString()}::bigint, ${after.id.toString()}::bigint)
       and c.xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
     order by c.xid, c.id
     limit ${limit}`;
  return rows.map(toChange);
}

/**
 * Which changes a user is sent: their own (private ones included), those
 * naming them as also_user_id (a share's grantee), and the non-private ones
 * of the owners in `sharedBy` (those who currently share with them). One
 * uuid[] parameter however many owners.
 */
function forUser(sql: Database['sql'], userId: string, sharedBy: readonly string[]) {
  const owners = [...new Set(sharedBy)].filter((id) => id !== userId);
  return sql`(c.user_id = ${userId}
          or c.also_user_id = ${userId}
          or (c.user_id = any(${owners}::uuid[]) and not c.private))`;
}

/**
 * One user's committed changes in (after, until], in commit order, at most
 * `limit` (see forUser for which): a replay reads the gap in keyset chunks,
 * passing the last position it got as the next `after`, never the whole gap
 * at once.
 */
export async function readUserChangesBetween(
  owner: Database,
  userId: string,
  sharedBy: readonly string[],
  after: LivePosition,
  until: LivePosition,
  limit: number,
): Promise<ChangeRow[]> {
  const rows = await owner.sql<RawChange[]>`
    select c.xid::text, c.id::text, c.table_name, c.row_id, c.op, c.user_id, c.private, c.also_user_id
      from pursuit_internal.change_log c
     where ${forUser(owner.sql, userId, sharedBy)}
       and (c.xid, c.id) > (${after.xid.toString()}::bigint, ${after.id.toString()}::bigint)
       and (c.xid, c.id) <= (${until.xid.toString()}::bigint, ${until.id.toString()}::bigint)
     order by c.xid, c.id
     limit ${limit}`;
  return rows.map(toChange);
}

/**
 * How many of one user's changes (see forUser) lie in (after, until],
 * counting no further than `atMost` (index scans that stop there, however
 * large the gap).
 */
export async function countUserChangesBetween(
  owner: Database,
  userId: string,
  sharedBy: readonly string[],
  after: LivePosition,
  until: LivePosition,
  atMost: number,
): Promise<number> {
  const [row] = await owner.sql<{ count: number }[]>`
    select count(*)::int as count from (
      select 1
        from pursuit_internal.change_log c
       where ${forUser(owner.sql, userId, sharedBy)}
         and (c.xid, c.id) > (${after.xid.toString()}::bigint, ${after.id.toString()}::bigint)
         and (c.xid, c.id) <= (${until.xid.toString()}::bigint, ${until.id.toString()}::bigint)
       limit ${atMost}
    ) s`;
  return row?.count ?? 0;
}

/** The newest position every reader can safely start from now. */
export async function currentLivePosition(owner: Database): Promise<LivePosition> {
  const [row] = await owner.sql<{ xid: string; id: string }[]>`
    select c.xid::text, c.id::text
      from pursuit_internal.change_log c
     where c.xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
     order by c.xid desc, c.id desc
     limit 1`;
  return { xid: BigInt(row?.xid ?? 0), id: BigInt(row?.id ?? 0) };
}

/** The newest position pruning has removed; resuming from before it is impossible. */
export async function prunedHorizon(owner: Database): Promise<LivePosition> {
  const [row] = await owner.sql<{ xid: string; id: string }[]>`
    select xid::text, id::text from pursuit_internal.change_log_horizon`;
  return { xid: BigInt(row?.xid ?? 0), id: BigInt(row?.id ?? 0) };
}

/** Deletes changes older than `retentionSeconds`; returns how many went. */
export async function pruneChangeLog(owner: Database, retentionSeconds: number): Promise<number> {
  const [row] = await owner.sql<{ removed: number }[]>`
    with removed as (
      delete from pursuit_internal.change_log
       where changed_at < now() - make_interval(secs => ${retentionSeconds})
      returning xid, id
    ), newest as (
      select xid, id from removed order by xid desc, id desc limit 1
    ), moved as (
      update pursuit_internal.change_log_horizon h
         set xid = newest.xid, id = newest.id
        from newest
       where (newest.xid, newest.id) > (h.xid, h.id)
    )
    select count(*)::int as removed from removed`;
  return row?.removed ?? 0;
}
