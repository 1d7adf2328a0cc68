// The row operations every owned table shares: add a row for the user, change
// or remove one by id. RLS hides another user's rows, so "no row" is the
// NOT_FOUND a person sees for an id that is not theirs, never FORBIDDEN.
import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { definedChanges } from '../fields';

export type OwnedTable = PgTable & { id: PgColumn; userId: PgColumn };
export type Row<T extends OwnedTable> = T['$inferSelect'];
export type NewRow<T extends OwnedTable> = Omit<T['$inferInsert'], 'userId'>;

/*
 * Drizzle's builders cannot follow a table type parameter through select,
 * insert and update, so these helpers build on the erased table and state
 * the row types they return.
 */

export async function insertOwned<T extends OwnedTable>(
  tx: Tx,
  table: T,
  userId: string,
  values: NewRow<T>,
): Promise<Row<T>> {
  const erased: PgTable = table;
  const [row]: unknown[] = await tx
    .insert(erased)
    .values({ ...values, userId } as never)
    .returning();
  return row as Row<T>;
}

/** Sets the fields given; an update that sets none is a 400 (drizzle cannot run an empty SET). */
export async function updateOwned<T extends OwnedTable>(
  tx: Tx,
  table: T,
  rowId: string,
  changes: Partial<NewRow<T>>,
  noun: string,
): Promise<Row<T>> {
  const erased: PgTable = table;
  const [row]: unknown[] = await tx
    .update(erased)
    .set(definedChanges(changes) as never)
    .where(eq(table.id, rowId))
    .returning();
  if (!row) throw notFound(noun);
  return row as Row<T>;
}

export async function deleteOwned(
  tx: Tx,
  table: OwnedTable,
  rowId: string,
  noun: string,
): Promise<{ id: string }> {
  const [row] = await tx.delete(table).where(eq(table.id, rowId)).returning({ id: table.id });
  if (!row) throw notFound(noun);
  return { id: row.id as string };
}
