// A long column renders only the cards near the screen: a window of its list
// (what the page's scroll shows, plus some margin either side), with padding
// above and below standing in for the cards it skips, so the page keeps its
// full height and scrollbar. Heights are measured as cards render (a
// ResizeObserver) and estimated from the average until then. The server
// renders the first screen of each column; the browser takes over from there.
// Short columns render every card, as before.
import type { Card } from '$lib/api/types';

/** Columns with more cards than this render a window of them. */
export const WINDOW_FROM = 40;
/** Cards a long column renders before it knows the screen (server render, hydration). */
export const FIRST_SCREEN = 10;
/** Rendered beyond the screen's top and bottom edges, in pixels. */
const OVERSCAN_PX = 800;
/** A card's height (with the gap below it) until one is measured. */
const ESTIMATE_PX = 124;

export interface WindowRange {
  /** Index of the first rendered card. */
  start: number;
  /** Index after the last rendered card. */
  end: number;
  /** Pixels standing in for the cards before `start` and from `end` on. */
  before: number;
  after: number;
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the mounted columns, looked up to reveal a card; never rendered from
const windows = new Set<ColumnWindow>();

export class ColumnWindow {
  #cards: () => readonly Card[];
  #list: HTMLElement | null = null;
  /** The screen in the list's own coordinates (plus overscan); null until the browser knows it. */
  #view = $state<{ top: number; bottom: number } | null>(null);
  /** Bumped when a measured height changes. */
  #measured = $state(0);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping; #measured signals changes
  #heights = new Map<string, number>();
  #sum = 0;
  #count = 0;
  #gap = 0;
  #observer: ResizeObserver | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #ids = new Map<Element, string>();
  #frame = 0;

  constructor(cards: () => readonly Card[]) {
    this.#cards = cards;
  }

  readonly windowed = $derived.by(() => this.#cards().length > WINDOW_FROM);

  readonly range: WindowRange = $derived.by(() => {
    const cards = this.#cards();
    const n = cards.length;
    if (n <= WINDOW_FROM) return { start: 0, end: n, before: 0, after: 0 };
    void this.#measured;
    const view = this.#view ?? { top: 0, bottom: -1 };
    const height = (i: number) => this.#heights.get(cards[i]!.id) ?? this.#estimate();
    let offset = 0;
    let i = 0;
    for (; i < n - 1; i += 1) {
      const h = height(i);
      if (offset + h > view.top) break;
      offset += h;
    }
    const start = i;
    const before = offset;
    const minimum = this.#view ? 1 : FIRST_SCREEN;
    for (; i < n && (i - start < minimum || offset < view.bottom); i += 1) offset += height(i);
    const end = i;
    let after = 0;
    for (; i < n; i += 1) after += height(i);
    return { start, end, before, after };
  });

  #estimate(): number {
    return this.#count === 0 ? ESTIMATE_PX : this.#sum / this.#count;
  }

  /** In the browser: follows the page's scroll and the window's size; returns the stop. */
  mount(list: HTMLElement): () => void {
    this.#list = list;
    this.#gap = Number.parseFloat(getComputedStyle(list).rowGap) || 0;
    this.#observer = new ResizeObserver((entries) => this.#onResize(entries));
    for (const [element] of this.#ids) this.#observer.observe(element);
    const schedule = () => {
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.update();
      });
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    windows.add(this);
    this.update();
    return () => {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      this.#observer?.disconnect();
      this.#observer = null;
      this.#list = null;
      windows.delete(this);
    };
  }

  /** Reads where the list is against the screen. */
  update(): void {
    const list = this.#list;
    if (!list || !this.windowed) return;
    const top = list.getBoundingClientRect().top;
    // A hidden column (a phone shows one) sits at 0: it keeps its first screen.
    this.#view = { top: -top - OVERSCAN_PX, bottom: window.innerHeight - top + OVERSCAN_PX };
  }

  /** Attach to each rendered card's item: measures it while it is shown. */
  measure(id: string): (element: HTMLElement) => () => void {
    return (element) => {
      this.#ids.set(element, id);
      this.#observer?.observe(element);
      return () => {
        this.#ids.delete(element);
        this.#observer?.unobserve(element);
      };
    };
  }

  #onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const id = this.#ids.get(entry.target);
      const box = entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height;
      // Hidden (display: none on a phone's other columns) measures 0: not a height.
      if (!id || box <= 0) continue;
      const height = box + this.#gap;
      const before = this.#heights.get(id);
      if (before !== undefined && Math.abs(before - height) < 0.5) continue;
      if (before === undefined) this.#count += 1;
      this.#sum += height - (before ?? 0);
      this.#heights.set(id, height);
      changed = true;
    }
    if (changed) this.#measured += 1;
  }

  /**
   * Scrolls the page so the card with `id` is rendered, if it is in this
   * column outside the window. True when it scrolled.
   */
  reveal(id: string): boolean {
    const list = this.#list;
    if (!list || !this.windowed) return false;
    const cards = this.#cards();
    const index = cards.findIndex((card) => card.id === id);
    const { start, end } = this.range;
    if (index === -1 || (index >= start && index < end)) return false;
    let offset = 0;
    for (let i = 0; i < index; i += 1)
      offset += this.#heights.get(cards[i]!.id) ?? this.#estimate();
    const listTop = list.getBoundingClientRect().top + window.scrollY;
    window.scrollTo({ top: listTop + offset - window.innerHeight / 3, behavior: 'instant' });
    this.update();
    return true;
  }
}

/** Makes sure a card far down a long column is rendered (before focusing it). */
export function revealCard(id: string): boolean {
  for (const column of windows) if (column.reveal(id)) return true;
  return false;
}
