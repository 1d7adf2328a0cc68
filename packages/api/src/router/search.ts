// Search (issue 14): one query over a search's applications, interviews,
// contacts, comments, documents and résumés, by words or by meaning. The SQL
// is in search/query.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { id, text } from '../fields';
import { readableOwner } from '../services/access';
import { currentEmbedder } from '../search/current';
import { searchMeaning, searchWords, type SearchAnswer } from '../search/query';
import { userProcedure } from '../trpc';

const queryInput = z.object({
  q: text('Type something to search for.').max(200, 'Search for at most 200 characters.'),
  /** Whose search: one shared with the caller; the caller's own by default. */
  ownerId: id.optional(),
  mode: z.enum(['words', 'meaning'], { error: 'Search by words or by meaning.' }).default('words'),
  limit: z
    .number({ error: 'The limit must be a number.' })
    .int('The limit must be a whole number.')
    .min(1, 'Ask for at least 1 result.')
    .max(50, 'Ask for at most 50 results.')
    .default(20),
});

export const searchRouter = {
  /** Results best first, each with where it lives and a marked snippet. */
  query: userProcedure.input(queryInput).query(async ({ ctx, input }): Promise<SearchAnswer> => {
    const ownerId = await readableOwner(ctx.tx, ctx.user.id, input.ownerId);
    if (input.mode === 'meaning') {
      const embedder = currentEmbedder(ctx.documents);
      const results = await searchMeaning(ctx.tx, ownerId, input.q, input.limit, embedder);
      return { mode: 'meaning', model: embedder.model, results };
    }
    const results = await searchWords(ctx.tx, ownerId, input.q, input.limit);
    return { mode: 'words', model: null, results };
  }),
} satisfies TRPCRouterRecord;
