// One router for every list a person orders by hand on the profile (work
// experience, education, certifications, projects): list, create, update, delete,
// reorder. Each domain brings its table, its input schemas and its noun. A
// list may name a search shared with the caller (ownerId); writes are the
// person's own.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { id, reorderInput } from '../fields';
import { ownerInput, readableOwner } from '../services/access';
import {
  addEntry,
  listEntries,
  removeEntry,
  reorderEntries,
  updateEntry,
  type OrderedTable,
} from '../services/profile-entries';
import type { NewRow } from '../services/rows';
import { userProcedure } from '../trpc';
import type { RecordRouterOptions } from './child-record';

interface OrderedEntryOptions<T extends OrderedTable, Create, Update> extends RecordRouterOptions<
  T,
  Create,
  Update
> {
  /** A rule that completes an update before it is written. */
  completeUpdate?: (changes: Partial<NewRow<T>>) => Partial<NewRow<T>>;
}

export function orderedEntryRouter<
  T extends OrderedTable,
  Create extends z.ZodType<Omit<NewRow<T>, 'position'>>,
  Update extends z.ZodType<{ id: string } & Partial<NewRow<T>>>,
>({ table, noun, create, update, completeUpdate }: OrderedEntryOptions<T, Create, Update>) {
  return {
    /** The caller's entries, or those of an owner whose search is shared with them. */
    list: userProcedure
      .input(ownerInput)
      .query(async ({ ctx, input }) =>
        listEntries(ctx.tx, table, await readableOwner(ctx.tx, ctx.user.id, input.ownerId)),
      ),

    create: userProcedure
      .input(create)
      .mutation(({ ctx, input }) =>
        addEntry(ctx.tx, table, ctx.user.id, input as Omit<NewRow<T>, 'position'>),
      ),

    update: userProcedure.input(update).mutation(({ ctx, input }) => {
      // tRPC's parser types do not narrow through the type parameters; the
      // constraint on Update already holds the schema to the table.
      const { id: entryId, ...rest } = input as { id: string };
      const changes = rest as Partial<NewRow<T>>;
      const complete = completeUpdate ? completeUpdate(changes) : changes;
      return updateEntry(ctx.tx, table, entryId, complete, noun);
    }),

    delete: userProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) => removeEntry(ctx.tx, table, input.id, noun)),

    reorder: userProcedure
      .input(reorderInput)
      .mutation(({ ctx, input }) => reorderEntries(ctx.tx, table, ctx.user.id, input.ids, noun)),
  } satisfies TRPCRouterRecord;
}
