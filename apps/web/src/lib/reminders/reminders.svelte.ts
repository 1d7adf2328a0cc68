// reminder.list kept current for one search: loaded on mount, re-read (once,
// shortly after a burst) when the live feed reports a change to applications,
// interviews or offers, and every few minutes as time makes things due.
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { LiveView } from '$lib/live/live.svelte';
import { changesReminders, type Reminder } from './reminders';

const RELOAD_DELAY_MS = 150;
/** Interviews come within 48 h and follow-ups fall due with the clock, not with a change. */
const CLOCK_RELOAD_MS = 5 * 60_000;

export class Reminders {
  items = $state<Reminder[]>([]);
  ghostedAfterDays = $state<number | null>(null);
  loaded = $state(false);
  error = $state<string | null>(null);
  #ownerId: () => string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;
  #generation = 0;

  constructor(ownerId: () => string | undefined = () => undefined) {
    this.#ownerId = ownerId;
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const ownerId = this.#ownerId();
      const list = await trpc.reminder.list.query(ownerId ? { ownerId } : {});
      // A slower, older answer never replaces a newer one.
      if (generation !== this.#generation) return;
      this.items = list.items;
      this.ghostedAfterDays = list.ghostedAfterDays;
      this.loaded = true;
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = describeError(error).message;
    }
  }

  /** Starts the clock reload; returns its stop. */
  start(): () => void {
    this.#clock = setInterval(() => void this.load(), CLOCK_RELOAD_MS);
    return () => this.dispose();
  }

  get view(): LiveView {
    return {
      apply: (change) => {
        if (!changesReminders(change)) return;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.load(), RELOAD_DELAY_MS);
      },
      resync: () => this.load(),
      ownerId: () => this.#ownerId(),
    };
  }

  dispose(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#clock);
  }
}

const COLLAPSED_KEY = 'pursuit.today.collapsed';

/** Whether the person folded the Today panel away (kept per browser). */
export function readCollapsed(
  storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null,
): boolean {
  try {
    return storage?.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeCollapsed(
  collapsed: boolean,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null,
): void {
  try {
    if (collapsed) storage?.setItem(COLLAPSED_KEY, '1');
    else storage?.removeItem(COLLAPSED_KEY);
  } catch {
    // Private mode or storage full: the panel just opens next time.
  }
}
