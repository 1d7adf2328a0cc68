// The live feed as procedures see it: LiveHub (./hub.ts) implements it, one per
// process reading change_log; sync.changes streams from it.
import { TRPCError } from '@trpc/server';
import type { SyncEvent } from './tables';

export interface LiveEvent {
  eventId: string;
  change: SyncEvent;
}

export interface LiveFeed {
  /** The event id of the newest change this instance has passed on. */
  cursor(): string;
  /**
   * Live changes `userId` may read. With `lastEventId`, first the missed ones
   * (or one resync event when they cannot be replayed), with no gap or duplicate.
   */
  stream(
    userId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal | undefined,
  ): AsyncIterable<LiveEvent>;
}

function liveUnavailable(): never {
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: 'Live updates are not available on this connection.',
  });
}

/** For callers that serve no live updates (scripts, router tests): every use says so. */
export const noLiveFeed: LiveFeed = {
  cursor: liveUnavailable,
  stream: liveUnavailable,
};
