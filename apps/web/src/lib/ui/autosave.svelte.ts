// Autosave for forms that save as the person types: edits are batched per
// field, sent after a pause (or at once on flush), and the status shown
// beside the form says saved / unsaved / saving / not saved. A field the API
// refuses keeps its message and stays unsaved; the other fields still save.
import { SvelteMap } from 'svelte/reactivity';
import { describeError } from '$lib/api/errors';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

export interface AutosaveOptions<F extends string> {
  /** Sends these fields' current values; throws what the API threw. */
  save: (fields: F[]) => Promise<void>;
  /** Pause after the last edit before saving, in ms. */
  delay?: number;
  /** Wait before retrying after a network failure, in ms. */
  retryDelay?: number;
}

/** Thrown by a save function for problems found before (or instead of) the API's. */
export class InvalidFields extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('Some fields are not valid.');
  }
}

/** The top-level field an error key names: "links.0.url" → "links". */
export function topField(key: string): string {
  return key.split('.')[0] ?? key;
}

/**
 * Splits an API refusal into messages per field key and the sent fields that
 * had no problem (worth sending again on their own).
 */
export function splitFieldErrors<F extends string>(
  fieldErrors: Record<string, string[]>,
  sent: readonly F[],
): { messages: Record<string, string>; clean: F[] } {
  const messages: Record<string, string> = {};
  const bad: string[] = [];
  for (const [key, list] of Object.entries(fieldErrors)) {
    const first = list[0];
    if (first === undefined) continue;
    messages[key] = first;
    bad.push(topField(key));
  }
  return { messages, clean: sent.filter((field) => !bad.includes(field)) };
}

export class Autosave<F extends string> {
  status = $state<SaveStatus>('saved');
  /** A message for the whole form (network trouble, a refusal with no field). */
  message = $state<string | null>(null);
  /** Messages by field key ("headline", "links.1.url"). */
  readonly errors = new SvelteMap<string, string>();

  #options: AutosaveOptions<F>;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, nothing renders it
  #dirty = new Set<F>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, nothing renders it
  #sending = new Set<F>();
  /** Refused by the API and not edited since: sending them again would fail the same way. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, nothing renders it
  #refused = new Set<F>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | null = null;
  #destroyed = false;

  constructor(options: AutosaveOptions<F>) {
    this.#options = options;
  }

  /** The field was edited: save it after the pause. */
  touch(field: F): void {
    this.#dirty.add(field);
    this.#refused.delete(field);
    this.status = this.#running ? 'saving' : 'unsaved';
    this.#schedule(this.#options.delay ?? 800);
  }

  /** Edited and not yet confirmed by the server (typed, or on its way). */
  isPending(field: F): boolean {
    return this.#dirty.has(field) || this.#sending.has(field);
  }

  get hasPending(): boolean {
    return this.#dirty.size > 0 || this.#sending.size > 0;
  }

  /** Error message for a field key, for its error line. */
  error(key: string): string | undefined {
    return this.errors.get(key);
  }

  /** Saves whatever is edited now and resolves when nothing is left in flight. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    while (this.#running) await this.#running;
    if (this.#dirty.size > 0 && !this.#blocked()) await this.#run();
  }

  /** Stops timers (the form is going away). */
  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#timer);
  }

  #blocked(): boolean {
    return [...this.#dirty].every((field) => this.#refused.has(field));
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    if (this.#destroyed) return;
    this.#timer = setTimeout(() => {
      if (this.#running) return; // the running save reschedules when it ends
      void this.#run();
    }, delay);
  }

  #run(): Promise<void> {
    const run = this.#send().finally(() => {
      this.#running = null;
      if (this.#dirty.size > 0 && this.status !== 'error')
        this.#schedule(this.#options.delay ?? 800);
    });
    this.#running = run;
    return run;
  }

  async #send(): Promise<void> {
    let fields = [...this.#dirty];
    this.#dirty.clear();
    for (const field of fields) this.#sending.add(field);
    this.status = 'saving';
    this.message = null;
    // One retry with only the fields the API had no objection to.
    for (let attempt = 0; attempt < 2 && fields.length > 0; attempt += 1) {
      try {
        await this.#options.save(fields);
        for (const field of fields) {
          this.#sending.delete(field);
          for (const key of [...this.errors.keys()])
            if (topField(key) === field) this.errors.delete(key);
        }
        fields = [];
      } catch (error) {
        const view =
          error instanceof InvalidFields
            ? { message: error.message, code: 'BAD_REQUEST', fieldErrors: error.fieldErrors }
            : describeError(error);
        const hasFieldErrors = Object.keys(view.fieldErrors).length > 0;
        if (!hasFieldErrors) {
          // Nothing to point at: keep every field unsaved and say why.
          for (const field of fields) {
            this.#sending.delete(field);
            this.#dirty.add(field);
          }
          this.message = view.message;
          this.status = 'error';
          if (view.code === null) this.#schedule(this.#options.retryDelay ?? 5000);
          return;
        }
        const { messages, clean } = splitFieldErrors(view.fieldErrors, fields);
        for (const field of fields) {
          for (const key of [...this.errors.keys()])
            if (topField(key) === field) this.errors.delete(key);
        }
        for (const [key, message] of Object.entries(messages)) this.errors.set(key, message);
        for (const field of fields) {
          if (!clean.includes(field)) {
            this.#sending.delete(field);
            this.#dirty.add(field);
            this.#refused.add(field);
          }
        }
        fields = clean;
      }
    }
    this.#updateStatus();
  }

  #updateStatus(): void {
    if (this.errors.size > 0) this.status = 'error';
    else if (this.#dirty.size > 0) this.status = 'unsaved';
    else this.status = 'saved';
  }
}
