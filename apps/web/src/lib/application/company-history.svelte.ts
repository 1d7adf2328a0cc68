// "You applied here before": the person's earlier applications at a company,
// looked up while they type its name (once typing pauses, or on leaving the
// field at the latest) and shown before saving. It never blocks saving: a
// failed look-up simply shows nothing.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';
import { trpc } from '$lib/api/trpc';

export type CompanyHistory = RouterOutputs['application']['companyHistory'];
export type CompanyHistoryEntry = CompanyHistory['entries'][number];
type Lookup = RouterInputs['application']['companyHistory'];

export const COMPANY_LOOKUP_DELAY_MS = 300;

export class CompanyHistoryLookup {
  history = $state<CompanyHistory | null>(null);
  /** The name the shown history is for. */
  name = $state('');
  readonly #scope: () => Omit<Lookup, 'companyName'>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the answer to the latest request counts. */
  #request = 0;

  constructor(scope: () => Omit<Lookup, 'companyName'> = () => ({})) {
    this.#scope = scope;
  }

  /** Whether there is something to show. */
  get found(): boolean {
    return (this.history?.entries.length ?? 0) > 0;
  }

  /** The name changed (typing): look it up once typing pauses. */
  schedule(companyName: string): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.lookUp(companyName), COMPANY_LOOKUP_DELAY_MS);
  }

  /** Looks the name up now (leaving the field, or a page opening); the same name is not asked twice. */
  async lookUp(companyName: string): Promise<void> {
    clearTimeout(this.#timer);
    const name = companyName.trim();
    if (name === this.name && (this.history || !name)) return;
    const request = ++this.#request;
    this.name = name;
    if (!name) {
      this.history = null;
      return;
    }
    try {
      const history = await trpc.application.companyHistory.query({
        ...this.#scope(),
        companyName: name,
      });
      if (request === this.#request) this.history = history;
    } catch {
      // Only a hint: nothing is shown when it cannot be had.
      if (request === this.#request) this.history = null;
    }
  }

  /** Forgets what was shown (the form was saved or cleared). */
  clear(): void {
    clearTimeout(this.#timer);
    this.#request += 1;
    this.name = '';
    this.history = null;
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
