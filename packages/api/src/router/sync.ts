// Live updates: one subscription per client connection covering all of the
// user's live data. Each event is tracked(eventId, change), so a reconnecting
// client resumes from the last id it saw (tRPC's wsLink resends it).
// Subscriptions run over the WebSocket only (trpc.ts turns SSE off; the HTTP
// server answers 426), and each connection holds at most a few at once.
import { tracked, TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context';
import { text } from '../fields';
import { protectedProcedure } from '../trpc';

async function* changes(
  ctx: Context & { user: { id: string } },
  lastEventId: string | null | undefined,
  signal: AbortSignal | undefined,
  release: () => void,
) {
  try {
    for await (const event of ctx.feed.stream(ctx.user.id, lastEventId, signal)) {
      yield tracked(event.eventId, event.change);
    }
  } finally {
    release();
  }
}

export const syncRouter = {
  /** Where the views loaded now stand: subscribe with this as lastEventId. */
  cursor: protectedProcedure.query(({ ctx }) => ({ eventId: ctx.feed.cursor() })),

  changes: protectedProcedure
    .input(
      z
        .object({ lastEventId: text().max(64, 'That event id is not valid.').nullish() })
        .default({}),
    )
    .subscription(({ ctx, input, signal }) => {
      // Claimed before the stream exists, so the extra one fails at once.
      const release = ctx.subscriptions.claim();
      if (!release) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `This connection already has ${ctx.subscriptions.limit} live subscriptions open; stop one before opening another.`,
        });
      }
      // A generator that is stopped before it starts never runs its finally;
      // the abort that ends every subscription releases the slot then.
      signal?.addEventListener('abort', release, { once: true });
      return changes(ctx, input.lastEventId, signal, release);
    }),
} satisfies TRPCRouterRecord;
