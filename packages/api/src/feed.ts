// The change feed as procedures see it. apps/server implements it (one hub per
// process, reading change_log); sync.changes streams from it.
import type { SyncEvent } from './live';

export interface FeedEvent {
  eventId: string;
  change: SyncEvent;
}

export interface ChangeFeed {
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
  ): AsyncIterable<FeedEvent>;
}
