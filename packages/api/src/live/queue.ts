// One subscription's buffer between the hub, which pushes each event as its
// batch is delivered, and the sync.changes generator, which pulls. Bounded.
//
// The buffer is a Node object-mode Readable: Node keeps the order, holds the
// items and wakes the reader (`for await`), and ends or destroys cleanly when
// the reader returns. We add only the bound. `events.on` was the other
// built-in candidate, but its highWaterMark pauses the emitter rather than
// bounding the buffer, and the hub is one emitter for every subscription;
// a library (`@repeaterjs/repeater`) would add a dependency for the same.
//
// The bound: LIVE_QUEUE_LIMIT events (two full read batches of one user's
// changes; a person with many tabs stays far below). A reader that falls that
// far behind is no longer buffered for: later events are dropped, and where
// the reader reaches the gap it gets one Overflow carrying the newest dropped
// position. The hub turns that into a `resync` event there (the client reloads
// its views, as after a pruned resume) and carries on live after it. So one
// slow subscription costs at most LIVE_QUEUE_LIMIT events of memory, and it is
// never silently missing anything.
import { Readable } from 'node:stream';
import type { LivePosition } from '@pursuit/db';

export const LIVE_QUEUE_LIMIT = 2000;

/** Events were dropped up to and including `position`: the reader must resync there. */
export interface Overflow {
  overflow: true;
  position: LivePosition;
}

const GAP = Symbol('gap');

export class LiveQueue<T extends { position: LivePosition }> {
  private readonly buffer: Readable;
  private closed = false;
  /** Set while over the bound: the newest event dropped so far. */
  private dropped: LivePosition | null = null;

  constructor(private readonly limit = LIVE_QUEUE_LIMIT) {
    this.buffer = new Readable({ objectMode: true, highWaterMark: limit, read() {} });
  }

  push(item: T): void {
    if (this.closed || this.buffer.destroyed) return;
    if (this.dropped) {
      this.dropped = item.position;
    } else if (this.buffer.readableLength >= this.limit) {
      this.dropped = item.position;
      this.buffer.push(GAP);
    } else {
      this.buffer.push(item);
    }
  }

  /** No more items; the reader still gets what is buffered, then ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.push(null);
  }

  /** The items in order (with an Overflow where some were dropped), until closed or aborted. */
  async *read(signal?: AbortSignal): AsyncGenerator<T | Overflow> {
    const onAbort = () => this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) this.close();
    try {
      for await (const item of this.buffer as AsyncIterable<T | typeof GAP>) {
        if (item !== GAP) {
          yield item;
          continue;
        }
        const position = this.dropped!;
        this.dropped = null;
        yield { overflow: true, position };
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.close();
      this.buffer.destroy();
    }
  }
}
