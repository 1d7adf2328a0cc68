// How a posting not saved yet fits each active target, asked once typing
// pauses (the full form, the capture page). Only a hint: a failed look-up
// shows nothing and never blocks saving.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';
import { trpc } from '$lib/api/trpc';

export type Draft = RouterInputs['target']['fitDraft']['draft'];
export type DraftFit = RouterOutputs['target']['fitDraft']['fits'][number];

export const DRAFT_FIT_DELAY_MS = 400;

export class DraftFitLookup {
  fits = $state<DraftFit[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;
  #last = '';

  schedule(draft: Draft): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.lookUp(draft), DRAFT_FIT_DELAY_MS);
  }

  async lookUp(draft: Draft): Promise<void> {
    clearTimeout(this.#timer);
    const key = JSON.stringify(draft);
    if (key === this.#last) return;
    this.#last = key;
    const request = ++this.#request;
    if (!draft.companyName.trim() && !draft.roleTitle.trim()) {
      this.fits = [];
      return;
    }
    try {
      const { fits } = await trpc.target.fitDraft.query({ draft });
      if (request === this.#request) this.fits = fits;
    } catch {
      if (request === this.#request) this.fits = [];
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
