// Which generator is active and this month's AI quota, kept current: any
// change to the person's quota_usage rows (a generation or an analysis in
// any tab) reloads the figures.
import { describeError } from '$lib/api/errors';
import type { LiveView } from '$lib/live/live.svelte';
import { trpc } from '$lib/api/trpc';
import type { DocumentSettings } from '$lib/api/types';

export class AiSettings {
  settings = $state<DocumentSettings | null>(null);
  error = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(initial: DocumentSettings | null = null) {
    this.settings = initial;
  }

  async load(): Promise<void> {
    try {
      this.settings = await trpc.document.settings.query();
      this.error = null;
    } catch (error) {
      this.error = describeError(error).message;
    }
  }

  get view(): LiveView {
    return {
      apply: (change) => {
        if (change.table !== 'quota_usage') return;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.load(), 100);
      },
      resync: () => this.load(),
    };
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}

/** "7 of 10 left this month", or null when there is no limit. */
export function quotaLine(settings: DocumentSettings | null): string | null {
  if (!settings || settings.quota.limit === null) return null;
  const { left, limit } = settings.quota;
  return `${left ?? 0} of ${limit} AI generations left this month`;
}
