// "Did I apply here?" while adding an application: the person's applications
// for the same posting, company or a similar role, looked up once typing
// pauses. Only a hint: a failed look-up shows nothing and never blocks saving.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';
import { trpc } from '$lib/api/trpc';

export type SimilarMatch = RouterOutputs['application']['similar']['matches'][number];
export type SimilarQuery = RouterInputs['application']['similar'];

export const SIMILAR_LOOKUP_DELAY_MS = 350;

/** The matches a form adds to the company history notice: same posting or a similar role elsewhere. */
export function beyondCompanyHistory(matches: readonly SimilarMatch[]): SimilarMatch[] {
  return matches.filter((m) => m.reasons.includes('url') || !m.reasons.includes('company'));
}

export class SimilarLookup {
  matches = $state<SimilarMatch[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;
  #last = '';

  /** The fields changed (typing): look them up once typing pauses. */
  schedule(query: SimilarQuery): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.lookUp(query), SIMILAR_LOOKUP_DELAY_MS);
  }

  async lookUp(query: SimilarQuery): Promise<void> {
    clearTimeout(this.#timer);
    const cleaned: SimilarQuery = {
      ...query,
      companyName: query.companyName.trim(),
      roleTitle: query.roleTitle?.trim() || undefined,
      jobUrl: query.jobUrl?.trim() || undefined,
    };
    const key = JSON.stringify(cleaned);
    if (key === this.#last) return;
    this.#last = key;
    const request = ++this.#request;
    if (!cleaned.companyName && !cleaned.roleTitle && !cleaned.jobUrl) {
      this.matches = [];
      return;
    }
    try {
      const { matches } = await trpc.application.similar.query(cleaned);
      if (request === this.#request) this.matches = matches;
    } catch {
      if (request === this.#request) this.matches = [];
    }
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#request += 1;
    this.#last = '';
    this.matches = [];
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
