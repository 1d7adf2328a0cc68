// Job targets in the browser: the list on /targets and the fit shown on an
// application, each loaded by a call and reloaded (once per burst) when a
// live change may alter it — a target edited in another tab, or the
// application itself.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';
import { describeError } from '$lib/api/errors';
import type { SyncChange } from '$lib/api/types';
import type { LiveView } from '$lib/live/live.svelte';

export type Target = RouterOutputs['target']['list'][number];
export type TargetFitView = RouterOutputs['target']['fitApplication']['fits'][number];
export type CreateTargetInput = RouterInputs['target']['create'];

/** A burst of changes reloads once. */
export const RELOAD_DELAY_MS = 200;

type Change = Exclude<SyncChange, { op: 'resync' }>;

/** Something loaded by one call, reloaded soon after a change that `matters`. */
class Reloading<T> {
  value = $state<T>() as T;
  loaded = $state(false);
  error = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    initial: T,
    private readonly fetch: () => Promise<T>,
    private readonly matters: (change: Change) => boolean,
    private readonly owner: () => string | null | undefined = () => undefined,
  ) {
    this.value = initial;
  }

  readonly view: LiveView = {
    apply: (change) => {
      if (this.matters(change)) this.reloadSoon();
    },
    resync: () => this.load(),
    ownerId: () => this.owner(),
  };

  async load(): Promise<void> {
    try {
      this.value = await this.fetch();
      this.loaded = true;
      this.error = null;
    } catch (cause) {
      this.error = describeError(cause).message;
    }
  }

  reloadSoon(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, RELOAD_DELAY_MS);
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** The targets of one search, kept current. */
export class LiveTargets extends Reloading<Target[]> {
  constructor(
    load: () => Promise<Target[]>,
    ownerId: () => string | null | undefined,
    initial: Target[] = [],
  ) {
    super(initial, load, (change) => change.table === 'job_targets', ownerId);
  }
}

/** How one application fits each active target, kept current. */
export class LiveFit extends Reloading<TargetFitView[]> {
  constructor(
    load: () => Promise<TargetFitView[]>,
    applicationId: () => string,
    ownerId: () => string | null | undefined,
  ) {
    super(
      [],
      load,
      (change) =>
        change.table === 'job_targets' ||
        (change.table === 'applications' && change.id === applicationId()),
      ownerId,
    );
  }
}

/** A list field as typed in a textarea: one item per line or comma. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function joinList(items: readonly string[]): string {
  return items.join(', ');
}
