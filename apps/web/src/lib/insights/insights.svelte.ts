// The Insights page's state: the summary for the chosen range, the daily
// snapshots, and a live registration that refetches the summary (debounced)
// whenever a card, its history or what was sent with it changes.
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { LiveConnection } from '$lib/live/live.svelte';
import {
  debounce,
  INSIGHT_TABLES,
  rangeInput,
  type Range,
  type Snapshot,
  type Summary,
} from './insights';

/** A burst of changes (a drag, an import) waits this long and costs one refetch. */
export const LIVE_REFETCH_MS = 400;

export class InsightsView {
  summary = $state.raw<Summary>() as Summary;
  snapshots = $state.raw<Snapshot[]>([]);
  range = $state<Range>('all');
  loading = $state(false);
  error = $state<string | null>(null);
  #request = 0;

  constructor(summary: Summary, snapshots: Snapshot[]) {
    this.summary = summary;
    this.snapshots = snapshots;
  }

  /** Re-reads the summary for the current range; a later call wins over an earlier one. */
  async refresh(): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const summary = await trpc.insights.summary.query(rangeInput(this.range));
      if (request !== this.#request) return;
      this.summary = summary;
      this.error = null;
    } catch (cause) {
      if (request === this.#request) this.error = describeError(cause).message;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  setRange(range: Range): void {
    if (range === this.range) return;
    this.range = range;
    void this.refresh();
  }

  /** Follows the live feed for `ownerId`'s search; returns the unregister. */
  follow(live: LiveConnection, ownerId: () => string | undefined): () => void {
    const refetch = debounce(() => void this.refresh(), LIVE_REFETCH_MS);
    const unregister = live.register({
      apply: (change) => {
        if (INSIGHT_TABLES.has(change.table)) refetch();
      },
      resync: () => this.refresh(),
      ownerId,
    });
    return () => {
      refetch.cancel();
      unregister();
    };
  }
}
