// The row operations every owned table shares: add a row for the user, change
// or remove one by id. RLS hides another user's rows, so "no row" is the
// NOT_FOUND a person sees for an id they may not read; a row they may read
// (a shared search) but not change is FORBIDDEN, saying what they can do.
import type { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { definedChanges } from '../fields';
import { deniedWrite } from './access';

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
  if (!row) throw await missedRow(tx, table, rowId, noun, false, 'change this');
  return row as Row<T>;
}

export async function deleteOwned(
  tx: Tx,
  table: OwnedTable,
  rowId: string,
  noun: string,
): Promise<{ id: string }> {
  const [row] = await tx.delete(table).where(eq(table.id, rowId)).returning({ id: table.id });
  if (!row) throw await missedRow(tx, table, rowId, noun, true, 'delete this');
  return { id: row.id as string };
}

/**
 * Why a write by id touched no row: FORBIDDEN when the caller can read the
 * row (someone else's shared search) but not write it, NOT_FOUND otherwise.
 * `ownerOnly` marks writes no grantee may make (deletes).
 */
export async function missedRow(
  tx: Tx,
  table: OwnedTable,
  rowId: string,
  noun: string,
  ownerOnly: boolean,
  action: string,
): Promise<TRPCError> {
  const [readable] = await tx
    .select({ ownerId: table.userId })
    .from(table)
    .where(eq(table.id, rowId));
  const denied = readable
    ? await deniedWrite(tx, readable.ownerId as string, ownerOnly, action)
    : null;
  return denied ?? notFound(noun);
}
