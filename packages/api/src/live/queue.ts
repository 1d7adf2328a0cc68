// One subscription's buffer between the hub, which pushes each event as its
// batch is delivered, and the sync.changes generator, which pulls. Bounded.
//
// A plain array with a read index and at most one waiting reader: an idle
// subscription holds a few fields and no array at all, and an event costs one
// promise only when the reader is already waiting for it. (This was a Node
// object-mode Readable, whose state, listeners and async iterator cost a few
// KiB per subscription and several ticks per event: issue 15 measured what
// a socket costs.)
//
// The bound: LIVE_QUEUE_LIMIT events (two full read batches of one user's
// changes; a person with many tabs stays far below). A reader that falls that
// far behind is no longer buffered for: later events are dropped, and where
// the reader reaches the gap it gets one Overflow carrying the newest dropped
// position. The hub turns that into a `resync` event there (the client reloads
// its views, as after a pruned resume) and carries on live after it. So one
// slow subscription costs at most LIVE_QUEUE_LIMIT events of memory, and it is
// never silently missing anything.
import type { LivePosition } from '@pursuit/db';

export const LIVE_QUEUE_LIMIT = 2000;

/** Events were dropped up to and including `position`: the reader must resync there. */
export interface Overflow {
  overflow: true;
  position: LivePosition;
}

const GAP = Symbol('gap');

export class LiveQueue<T extends { position: LivePosition }> {
  private items: (T | typeof GAP)[] | undefined;
  private head = 0;
  private closed = false;
  /** Set while over the bound: the newest event dropped so far. */
  private dropped: LivePosition | null = null;
  private wake: (() => void) | undefined;

  constructor(private readonly limit = LIVE_QUEUE_LIMIT) {}

  private get length(): number {
    return this.items ? this.items.length - this.head : 0;
  }

  push(item: T): void {
    if (this.closed) return;
    if (this.dropped) {
      this.dropped = item.position;
      return;
    }
    const items = (this.items ??= []);
    if (this.length >= this.limit) {
      this.dropped = item.position;
      items.push(GAP);
    } else {
      items.push(item);
    }
    this.notify();
  }

  /** No more items; the reader still gets what is buffered, then ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private take(): T | typeof GAP | undefined {
    const items = this.items;
    if (!items || this.head >= items.length) return undefined;
    const item = items[this.head]!;
    this.head += 1;
    if (this.head === items.length) {
      this.items = undefined;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= items.length) {
      items.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }

  /** The items in order (with an Overflow where some were dropped), until closed or aborted. */
  async *read(signal?: AbortSignal): AsyncGenerator<T | Overflow> {
    const onAbort = () => this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) this.close();
    try {
      for (;;) {
        const item = this.take();
        if (item === undefined) {
          if (this.closed) return;
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
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
      this.items = undefined;
    }
  }
}
