// The lists a person arranges by hand on the profile (work experience,
// education, certifications, projects): list, add, change, remove, reorder. Display
// order is a plain integer position, 0 first, rewritten for the whole list on
// reorder so there is never a gap to reason about.
import { TRPCError } from '@trpc/server';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '@pursuit/db';
import { definedChanges } from '../fields';
import { limitOf, makeRoom } from './caps';
import { deleteOwned, insertOwned, missedRow, updateOwned, type NewRow, type Row } from './rows';

export type OrderedTable = PgTable & {
  id: PgColumn;
  userId: PgColumn;
  position: PgColumn;
  createdAt: PgColumn;
};

/** The user's entries in display order (never more than the cap; see caps.ts). */
export async function listEntries<T extends OrderedTable>(
  tx: Tx,
  table: T,
  userId: string,
): Promise<Row<T>[]> {
  const erased: PgTable = table;
  const rows: unknown[] = await tx
    .select()
    .from(erased)
    .where(eq(table.userId, userId))
    .orderBy(...listOrder(table))
    .limit(limitOf(table));
  return rows as Row<T>[];
}

/** A new entry goes at the end of the list. */
export async function addEntry<T extends OrderedTable>(
  tx: Tx,
  table: T,
  userId: string,
  values: Omit<NewRow<T>, 'position'>,
): Promise<Row<T>> {
  await makeRoom(tx, table, userId);
  const position = await nextPosition(tx, table, userId);
  return insertOwned(tx, table, userId, { ...values, position } as NewRow<T>);
}

/** Sets the fields given; an update that sets none is a 400. */
export function updateEntry<T extends OrderedTable>(
  tx: Tx,
  table: T,
  entryId: string,
  changes: Partial<NewRow<T>>,
  noun: string,
): Promise<Row<T>> {
  return updateOwned(tx, table, entryId, definedChanges(changes), noun);
}

export function removeEntry(tx: Tx, table: OrderedTable, entryId: string, noun: string) {
  return deleteOwned(tx, table, entryId, noun);
}

/** Puts the entries in the order of `ids` and returns the list as it now stands. */
export async function reorderEntries<T extends OrderedTable>(
  tx: Tx,
  table: T,
  userId: string,
  ids: string[],
  noun: string,
): Promise<Row<T>[]> {
  await reorderRows(tx, table, userId, ids, noun);
  return listEntries(tx, table, userId);
}

/**
 * "Current" means no end date: ticking it clears the end date, and entering
 * an end date unticks it (work experience).
 */
export function currentRoleChanges<
  T extends { isCurrent?: boolean | undefined; endDate?: string | null | undefined },
>(changes: T): T {
  const next = { ...changes };
  if (next.isCurrent === true && next.endDate === undefined) next.endDate = null;
  if (next.endDate && next.isCurrent === undefined) next.isCurrent = false;
  return next;
}

/** The position after the user's last item. */
export async function nextPosition(tx: Tx, table: OrderedTable, userId: string): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${table.position}), -1)::int + 1` })
    .from(table)
    .where(eq(table.userId, userId));
  return row?.next ?? 0;
}

/** Ties (two items added at once) fall back to creation order. */
export function listOrder(table: OrderedTable): SQL[] {
  return [asc(table.position), asc(table.createdAt), asc(table.id)];
}

/**
 * Puts the user's items in the order of `ids`, which must name each of them
 * exactly once: an id that is not theirs is NOT_FOUND, a list that misses
 * some (another tab added one meanwhile) is a CONFLICT to reload.
 */
export async function reorderRows(
  tx: Tx,
  table: OrderedTable,
  userId: string,
  ids: string[],
  noun: string,
): Promise<void> {
  const mine = await tx
    .select({ id: table.id })
    .from(table)
    .where(eq(table.userId, userId))
    .for('update');
  const owned = new Set(mine.map((row) => row.id as string));
  const stranger = ids.find((id) => !owned.has(id));
  // Another person's entry the caller can read (a shared search) is FORBIDDEN.
  if (stranger) throw await missedRow(tx, table, stranger, noun, true, 'change this');
  if (ids.length !== owned.size) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'The list changed since you loaded it. Reload it and try again.',
    });
  }
  if (ids.length === 0) return;
  const order = sql.join(
    ids.map((id, index) => sql`(${id}::uuid, ${index}::int)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${table} set ${sql.identifier(table.position.name)} = v.position
      from (values ${order}) as v(id, position)
     where ${table.id} = v.id`);
}
