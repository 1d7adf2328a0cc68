// Presence (issue 12): who else is looking at an owner's search, and where,
// and who is typing a comment. `watch` is a live subscription over the
// WebSocket (it takes one of the connection's subscription slots, like
// sync.changes); `typing` is a mutation any instance can take. The state is
// ephemeral and crosses instances by NOTIFY: see live/presence.ts.
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context';
import { id, text } from '../fields';
import type { PresenceFeed, PresenceWatch } from '../live/presence';
import { protectedProcedure } from '../trpc';

const tabId = text()
  .min(1, 'A tab id is needed.')
  .max(64, 'That tab id is too long (at most 64 characters).');

const where = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board') }),
  z.object({ kind: z.literal('application'), applicationId: id }),
]);

function presenceOf(ctx: Context): PresenceFeed {
  if (!ctx.presence) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Presence is not available on this connection.',
    });
  }
  return ctx.presence;
}

async function* snapshots(
  presence: PresenceFeed,
  watch: PresenceWatch,
  signal: AbortSignal | undefined,
  release: () => void,
) {
  try {
    yield* presence.watch(watch, signal);
  } finally {
    release();
  }
}

export const presenceRouter = {
  /** `{ people }` now and on every change; ends with NOT_FOUND when the search may not be read (or no longer). */
  watch: protectedProcedure
    .input(z.object({ ownerId: id, where, tabId }))
    .subscription(({ ctx, input, signal }) => {
      const presence = presenceOf(ctx);
      const release = ctx.subscriptions.claim();
      if (!release) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `This connection already has ${ctx.subscriptions.limit} live subscriptions open; stop one before opening another.`,
        });
      }
      // A generator stopped before it starts never runs its finally.
      signal?.addEventListener('abort', release, { once: true });
      return snapshots(
        presence,
        { userId: ctx.user.id, ownerId: input.ownerId, tabId: input.tabId, where: input.where },
        signal,
        release,
      );
    }),

  /** This tab is (or no longer is) typing a comment on the application. */
  typing: protectedProcedure
    .input(z.object({ ownerId: id, tabId, applicationId: id, typing: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await presenceOf(ctx).typing({ userId: ctx.user.id, ...input });
      return { typing: input.typing };
    }),
} satisfies TRPCRouterRecord;
