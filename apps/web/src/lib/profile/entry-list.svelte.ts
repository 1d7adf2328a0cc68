// What an entry list is doing: which entry is open for editing (or the new
// one), which is asking "Delete …?", the message of a refused delete or move,
// and where focus goes after each step, so a keyboard user never loses it.
import { describeError } from '$lib/api/errors';

/** The `editing` value while the form for a new entry is open. */
export const NEW = 'new';

/** The list's entries and the calls that change them (an EntryCollection). */
export interface Entries<Row> {
  readonly items: Row[];
  remove: (id: string) => Promise<void>;
  /** Absent when the order is not the person's (skills). */
  move?: ((id: string, delta: number) => Promise<void>) | undefined;
}

/** Moves focus in the component; each waits for the DOM to update first. */
export interface EntryFocus {
  /** The element matching `selector` inside the entry `rowId`. */
  inEntry(rowId: string, selector: string): Promise<void>;
  /** The first input of the new entry's form. */
  newForm(): Promise<void>;
  /** The list's "Add …" button. */
  addButton(): Promise<void>;
}

export class EntryListState<Row extends { id: string }> {
  editing = $state<string | null>(null);
  confirming = $state<string | null>(null);
  /** The entry being deleted. */
  busy = $state<string | null>(null);
  error = $state<string | null>(null);
  readonly #source: () => Entries<Row>;
  readonly #focus: EntryFocus;

  /** `entries` is read on each use, so the list may be a component's prop. */
  constructor(entries: () => Entries<Row>, focus: EntryFocus) {
    this.#source = entries;
    this.#focus = focus;
  }

  get #entries(): Entries<Row> {
    return this.#source();
  }

  /** The entry open for editing, while it still exists. */
  readonly editingRow = $derived.by(
    () => this.#entries.items.find((item) => item.id === this.editing) ?? null,
  );

  /** An entry deleted elsewhere while open here: its form closes. */
  closeIfGone(): void {
    if (this.editing && this.editing !== NEW && !this.editingRow) this.editing = null;
  }

  open(rowId: string): void {
    this.error = null;
    this.confirming = null;
    this.editing = rowId;
    void this.#focus.inEntry(rowId, 'input, textarea, select');
  }

  openNew(): void {
    this.error = null;
    this.editing = NEW;
    void this.#focus.newForm();
  }

  close(): void {
    const was = this.editing;
    this.editing = null;
    if (was && was !== NEW) void this.#focus.inEntry(was, '[data-action="edit"]');
    else void this.#focus.addButton();
  }

  askRemove(rowId: string): void {
    this.confirming = rowId;
    void this.#focus.inEntry(rowId, '.confirm button');
  }

  keep(rowId: string): void {
    this.confirming = null;
    void this.#focus.inEntry(rowId, '[data-action="delete"]');
  }

  async remove(rowId: string): Promise<void> {
    this.busy = rowId;
    this.error = null;
    try {
      await this.#entries.remove(rowId);
      this.confirming = null;
      await this.#focus.addButton();
    } catch (cause) {
      this.error = describeError(cause).message;
    } finally {
      this.busy = null;
    }
  }

  /** Moves an entry one place; focus stays on the pressed button, or its twin at the ends. */
  async step(rowId: string, delta: number): Promise<void> {
    const move = this.#entries.move;
    if (!move) return;
    this.error = null;
    try {
      await move(rowId, delta);
    } catch (cause) {
      this.error = describeError(cause).message;
    }
    const items = this.#entries.items;
    const index = items.findIndex((item) => item.id === rowId);
    const atTop = index === 0;
    const atBottom = index === items.length - 1;
    const direction = delta < 0 ? (atTop ? 'down' : 'up') : atBottom ? 'up' : 'down';
    await this.#focus.inEntry(rowId, `[data-action="move-${direction}"]`);
  }

  /** Alt+↑/↓ on an entry that is not being edited. */
  keydown(event: KeyboardEvent, rowId: string): void {
    if (!this.#entries.move || !event.altKey || this.editing === rowId) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      void this.step(rowId, event.key === 'ArrowUp' ? -1 : 1);
    }
  }
}
