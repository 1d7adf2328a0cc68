// A ticking "wait N seconds" for rate-limited actions.

export class Countdown {
  #until = $state<number | null>(null);
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Seconds left, or 0 when the action may be tried again. */
  readonly remaining = $derived(
    this.#until === null ? 0 : Math.max(0, Math.ceil((this.#until - this.#now) / 1000)),
  );

  start(seconds: number): void {
    this.stop();
    this.#now = Date.now();
    this.#until = this.#now + seconds * 1000;
    this.#timer = setInterval(() => {
      this.#now = Date.now();
      if (this.remaining <= 0) this.stop();
    }, 1000);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
