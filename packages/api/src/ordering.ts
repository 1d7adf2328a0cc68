// Display order for the lists a person arranges by hand (work experience,
// education, certifications): a plain integer position, 0 first, rewritten
// for the whole list on reorder so there is never a gap to reason about.
import { TRPCError } from '@trpc/server';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '@pursuit/db';
import { notFound } from './errors';

export type OrderedTable = PgTable & { id: PgColumn; userId: PgColumn; position: PgColumn };

/** The position after the user's last item. */
export async function nextPosition(tx: Tx, table: OrderedTable, userId: string): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${table.position}), -1)::int + 1` })
    .from(table)
    .where(eq(table.userId, userId));
  return row?.next ?? 0;
}

/** Ties (two items added at once) fall back to creation order. */
export function listOrder(table: OrderedTable & { createdAt: PgColumn }): SQL[] {
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
  if (ids.some((id) => !owned.has(id))) throw notFound(noun);
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
