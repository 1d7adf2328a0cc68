// A list of offers kept current: loaded by a call the page or section gives,
// reloaded (once per burst) when a live change may alter it, and changed in
// place by what this tab saves so the screen follows at once.
import { describeError } from '$lib/api/errors';
import type { SyncChange } from '$lib/api/types';
import type { LiveView } from '$lib/live/live.svelte';
import { offerChangeMatters, type OfferView } from './offers';

/** A burst of changes (an application and its offers deleted together) reloads once. */
export const RELOAD_DELAY_MS = 200;

export interface LiveOffersOptions {
  load: () => Promise<readonly OfferView[]>;
  /** Only this application's offers; the whole search when unset. */
  applicationId?: () => string | null;
  /** Whose search; a grantee's live stream carries every shared owner's rows. */
  ownerId?: () => string | null | undefined;
}

export class LiveOffers {
  offers = $state<OfferView[]>([]);
  loaded = $state(false);
  /** Why the last load failed; the list shown stays as it was. */
  error = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #options: LiveOffersOptions;

  constructor(options: LiveOffersOptions, initial?: readonly OfferView[]) {
    this.#options = options;
    if (initial) this.replace(initial);
  }

  /** What the live connection calls. */
  readonly view: LiveView = {
    apply: (change) => this.apply(change),
    resync: () => this.load(),
    ownerId: () => this.#options.ownerId?.(),
  };

  replace(offers: readonly OfferView[]): void {
    this.offers = [...offers];
    this.loaded = true;
  }

  async load(): Promise<void> {
    try {
      this.replace(await this.#options.load());
      this.error = null;
    } catch (cause) {
      this.error = describeError(cause).message;
    }
  }

  apply(change: Exclude<SyncChange, { op: 'resync' }>): void {
    const applicationId = this.#options.applicationId?.() ?? null;
    if (offerChangeMatters(change, this.offers, applicationId)) this.#reloadSoon();
  }

  /** Shows what a save returned without waiting for the live reload. */
  put(offer: OfferView): void {
    const index = this.offers.findIndex((o) => o.id === offer.id);
    this.offers = index === -1 ? [...this.offers, offer] : this.offers.with(index, offer);
  }

  remove(id: string): void {
    this.offers = this.offers.filter((o) => o.id !== id);
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #reloadSoon(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, RELOAD_DELAY_MS);
  }
}
