// Live updates: one subscription per client connection covering all of the
// user's live data. Each event is tracked(eventId, change), so a reconnecting
// client resumes from the last id it saw (tRPC's wsLink resends it).
import { tracked, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { text } from '../fields';
import { protectedProcedure } from '../trpc';

export const syncRouter = {
  /** Where the views loaded now stand: subscribe with this as lastEventId. */
  cursor: protectedProcedure.query(({ ctx }) => ({ eventId: ctx.feed.cursor() })),

  changes: protectedProcedure
    .input(
      z
        .object({ lastEventId: text().max(64, 'That event id is not valid.').nullish() })
        .default({}),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const event of ctx.feed.stream(ctx.user.id, input.lastEventId, signal)) {
        yield tracked(event.eventId, event.change);
      }
    }),
} satisfies TRPCRouterRecord;
