// One router for the records a person keeps under an application (interviews,
// contacts): create, update, delete. The composite foreign key
// (application_id, user_id) makes another user's application id fail as
// NOT_FOUND, and RLS hides another user's record.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { id } from '../fields';
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
  Create extends z.ZodType<NewRow<T>>,
  Update extends z.ZodType<{ id: string } & Partial<NewRow<T>>>,
>({ table, noun, create, update }: RecordRouterOptions<T, Create, Update>) {
  return {
    create: userProcedure
      .input(create)
      .mutation(({ ctx, input }) => insertOwned(ctx.tx, table, ctx.user.id, input as NewRow<T>)),

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
