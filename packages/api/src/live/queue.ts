// An unbounded async queue: the hub pushes synchronously, a subscription's
// generator pulls. Ends when the signal aborts.

export class AsyncQueue<T> {
  private items: T[] = [];
  private waiting: ((value: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  close(): void {
    this.closed = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  get size(): number {
    return this.items.length;
  }

  async *drain(signal?: AbortSignal): AsyncGenerator<T> {
    const onAbort = () => this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      while (!this.closed || this.items.length > 0) {
        if (this.items.length > 0) {
          yield this.items.shift()!;
          continue;
        }
        if (this.closed) return;
        const next = await new Promise<IteratorResult<T>>((resolve) => (this.waiting = resolve));
        if (next.done) return;
        yield next.value;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
