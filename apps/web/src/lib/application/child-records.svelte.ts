// The state of a list of records that belong to one application (interviews,
// contacts): which one the form edits, saving and deleting with their errors,
// and the question before a delete. Each list supplies its form and its calls.
import { confirm, type Question } from '$lib/ui/confirm.svelte';
import { describeError, type ErrorView } from '$lib/api/errors';

/** The `editingId` of the add form. */
export const NEW = 'new';

export interface ChildRecordCalls<T> {
  /** Fills the form from `record`, or with a new record's defaults. */
  fill(record?: T): void;
  /** An error that stops the save before any call, when the form is incomplete. */
  check?(): ErrorView | null;
  create(): Promise<unknown>;
  update(id: string): Promise<unknown>;
  delete(record: T): Promise<unknown>;
  deleteQuestion(record: T): Question;
  /** Reloads the application after a change. */
  changed(): void | Promise<void>;
}

export class ChildRecords<T extends { id: string }> {
  /** The record the form edits, NEW for the add form, null when the form is closed. */
  editingId = $state<string | null>(null);
  saving = $state(false);
  /** The form's error (its field errors show beside the fields). */
  error = $state<ErrorView | null>(null);
  /** The error of a change made from the list (a delete, an interview's outcome). */
  listError = $state<string | null>(null);

  #calls: ChildRecordCalls<T>;

  constructor(calls: ChildRecordCalls<T>) {
    this.#calls = calls;
  }

  get adding(): boolean {
    return this.editingId === NEW;
  }

  open(record?: T): void {
    this.error = null;
    this.editingId = record?.id ?? NEW;
    this.#calls.fill(record);
  }

  close(): void {
    this.editingId = null;
  }

  async submit(): Promise<void> {
    const problem = this.#calls.check?.() ?? null;
    if (problem) {
      this.error = problem;
      return;
    }
    this.saving = true;
    this.error = null;
    try {
      if (this.editingId === NEW) await this.#calls.create();
      else if (this.editingId) await this.#calls.update(this.editingId);
      this.editingId = null;
      await this.#calls.changed();
    } catch (cause) {
      this.error = describeError(cause);
    } finally {
      this.saving = false;
    }
  }

  /** Deletes `record` once the person confirms. */
  async remove(record: T): Promise<void> {
    if (!(await confirm(this.#calls.deleteQuestion(record)))) return;
    await this.run(() => this.#calls.delete(record));
  }

  /** A change made from the list; its error shows above the list. */
  async run(change: () => Promise<unknown>): Promise<void> {
    this.listError = null;
    try {
      await change();
      await this.#calls.changed();
    } catch (cause) {
      this.listError = describeError(cause).message;
    }
  }
}
