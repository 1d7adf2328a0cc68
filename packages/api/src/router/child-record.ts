// One router for the records a person keeps under an application (interviews,
// contacts): create, update, delete. The record belongs to the application's
// owner (the composite foreign key (application_id, user_id)); an editor of a
// shared search creates and changes them, only the owner deletes. RLS hides
// the records of a search not shared with the caller (NOT_FOUND).
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { id } from '../fields';
import { applicationAccess } from '../services/access';
import {
  deleteOwned,
  insertOwned,
  updateOwned,
  type NewRow,
  type OwnedTable,
} from '../services/rows';
import { userProcedure } from '../trpc';

/** What a record router needs: its table, its input schemas, and its noun. */
export interface RecordRouterOptions<T extends OwnedTable, Create, Update> {
  table: T;
  /** How a message names one record: "Interview", "Work experience". */
  noun: string;
  create: Create;
  update: Update;
}

export function childRecordRouter<
  T extends OwnedTable,
  Create extends z.ZodType<NewRow<T> & { applicationId: string }>,
  Update extends z.ZodType<{ id: string } & Partial<NewRow<T>>>,
>({ table, noun, create, update }: RecordRouterOptions<T, Create, Update>) {
  return {
    create: userProcedure.input(create).mutation(async ({ ctx, input }) => {
      const values = input as NewRow<T> & { applicationId: string };
      const { ownerId } = await applicationAccess(ctx.tx, values.applicationId, 'edit');
      return insertOwned(ctx.tx, table, ownerId, values);
    }),

    update: userProcedure.input(update).mutation(({ ctx, input }) => {
      // tRPC's parser types do not narrow through the type parameters; the
      // constraint on Update already holds the schema to the table.
      const { id: recordId, ...changes } = input as { id: string };
      return updateOwned(ctx.tx, table, recordId, changes as Partial<NewRow<T>>, noun);
    }),

    delete: userProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) => deleteOwned(ctx.tx, table, input.id, noun)),
  } satisfies TRPCRouterRecord;
}
