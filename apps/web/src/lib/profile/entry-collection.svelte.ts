// One list of profile entries (jobs, schools, certificates or skills) as the
// page shows it: fresh from each load, saved through the API, moved with an
// optimistic reorder, and updated in place by saves and live changes.
import { applyRowChange, moveItem } from './profile';

export interface EntryRow {
  id: string;
  updatedAt: Date;
}

/** The API procedures of one entry kind, as plain functions (tests pass fakes). */
export interface EntryApi<Row, Input> {
  create: (input: Input) => Promise<Row>;
  update: (input: { id: string } & Partial<Input>) => Promise<Row>;
  remove: (input: { id: string }) => Promise<unknown>;
  list: () => Promise<Row[]>;
  /** Present when the person orders the list by hand (not skills). */
  reorder?: ((input: { ids: string[] }) => Promise<Row[]>) | undefined;
}

type RowChange<Row> = { op: string; id: string; row: Row | null };

export class EntryCollection<Row extends EntryRow, Input> {
  readonly #source: () => Row[];
  readonly #api: EntryApi<Row, Input>;
  readonly #compare: (a: Row, b: Row) => number;
  /** Follows each load; saves and live changes replace it until the next one. */
  items: Row[] = $derived.by(() => this.#source());

  constructor(source: () => Row[], api: EntryApi<Row, Input>, compare: (a: Row, b: Row) => number) {
    this.#source = source;
    this.#api = api;
    this.#compare = compare;
    if (!api.reorder) this.move = undefined;
  }

  /** A change of one row from the live feed (or this tab's own save). */
  apply(change: RowChange<Row>): void {
    this.items = applyRowChange(this.items, change, this.#compare);
  }

  create = async (input: Partial<Input>): Promise<void> => {
    // The form checked the required fields before sending.
    this.#upsert(await this.#api.create(input as Input));
  };

  update = async (id: string, input: Partial<Input>): Promise<void> => {
    this.#upsert(await this.#api.update({ id, ...input }));
  };

  remove = async (id: string): Promise<void> => {
    await this.#api.remove({ id });
    this.items = this.items.filter((row) => row.id !== id);
  };

  /** Optimistic: the list moves at once, the server's order replaces it (or the old one on error). */
  move: ((id: string, delta: number) => Promise<void>) | undefined = async (id, delta) => {
    const reorder = this.#api.reorder;
    const list = this.items;
    const index = list.findIndex((row) => row.id === id);
    if (!reorder || index < 0) return;
    const moved = moveItem(list, index, delta).map((row, position) => ({ ...row, position }));
    this.items = moved;
    try {
      this.items = await reorder({ ids: moved.map((row) => row.id) });
    } catch (error) {
      this.items = await this.#api.list().catch(() => list);
      throw error;
    }
  };

  #upsert(row: Row): void {
    this.apply({ op: 'update', id: row.id, row });
  }
}
