// Drag and drop for board cards with pointer events, so mouse, pen and touch
// share one path. A mouse drag starts after a few pixels; a touch drag starts
// on a long press (or at once from the grip), so a swipe still scrolls.
// Columns mark themselves with data-drop-stage, stage tabs with
// data-stage-tab, and cards with data-card-id.
import { isStage } from '$lib/api/labels';
import type { Stage } from '$lib/api/types';

export interface DropTarget {
  stage: Stage;
  /** Index among the column's other cards; null = the bottom. */
  index: number | null;
}

export interface DragGhost {
  id: string;
  x: number;
  y: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

export interface DragOptions {
  onStart(id: string): void;
  onDrop(id: string, target: DropTarget): void;
  onEnd(id: string): void;
  /** The board's horizontal scroller, for auto-scroll near its edges. */
  scroller(): HTMLElement | null;
}

const MOUSE_THRESHOLD = 5;
const TOUCH_SLOP = 10;
const LONG_PRESS_MS = 280;
const EDGE = 56;
const MAX_SPEED = 18;

interface Pending {
  id: string;
  pointerId: number;
  pointerType: string;
  startX: number;
  startY: number;
  element: HTMLElement;
  timer: ReturnType<typeof setTimeout> | null;
}

export class DragController {
  ghost = $state<DragGhost | null>(null);
  target = $state<DropTarget | null>(null);

  #options: DragOptions;
  #pending: Pending | null = null;
  #suppressClick = false;
  #frame = 0;

  constructor(options: DragOptions) {
    this.#options = options;
  }

  get active(): boolean {
    return this.ghost !== null;
  }

  /** Call from a card's pointerdown; `immediate` for the grip handle. */
  pointerDown(event: PointerEvent, id: string, element: HTMLElement, immediate = false): void {
    if (this.ghost || this.#pending) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const target = event.target as HTMLElement | null;
    if (!immediate && target?.closest('button, input, select, textarea, [data-no-drag]')) return;

    this.#pending = {
      id,
      pointerId: event.pointerId,
      pointerType: event.pointerType,
      startX: event.clientX,
      startY: event.clientY,
      element,
      timer: null,
    };
    if (immediate) {
      event.preventDefault();
      this.#begin(event.clientX, event.clientY);
    } else if (event.pointerType !== 'mouse') {
      this.#pending.timer = setTimeout(() => {
        if (!this.#pending) return;
        navigator.vibrate?.(15);
        this.#begin(this.#pending.startX, this.#pending.startY);
      }, LONG_PRESS_MS);
    }
    this.#listen();
  }

  /** A click right after a drag must not open the card. */
  consumeClick(): boolean {
    const suppressed = this.#suppressClick;
    this.#suppressClick = false;
    return suppressed;
  }

  cancel(): void {
    const id = this.ghost?.id ?? null;
    this.#reset();
    if (id) this.#options.onEnd(id);
  }

  #listen(): void {
    window.addEventListener('pointermove', this.#onMove, { passive: false });
    window.addEventListener('pointerup', this.#onUp);
    window.addEventListener('pointercancel', this.#onCancel);
    window.addEventListener('keydown', this.#onKey, true);
    // Once a touch drag has begun, stop the page from panning under it.
    window.addEventListener('touchmove', this.#onTouchMove, { passive: false });
  }

  #unlisten(): void {
    window.removeEventListener('pointermove', this.#onMove);
    window.removeEventListener('pointerup', this.#onUp);
    window.removeEventListener('pointercancel', this.#onCancel);
    window.removeEventListener('keydown', this.#onKey, true);
    window.removeEventListener('touchmove', this.#onTouchMove);
  }

  #begin(x: number, y: number): void {
    const pending = this.#pending;
    if (!pending) return;
    const rect = pending.element.getBoundingClientRect();
    this.ghost = {
      id: pending.id,
      x,
      y,
      offsetX: x - rect.left,
      offsetY: y - rect.top,
      width: rect.width,
      height: rect.height,
    };
    try {
      pending.element.setPointerCapture(pending.pointerId);
    } catch {
      // The pointer may already be gone; window listeners still follow it.
    }
    document.body.classList.add('dragging');
    this.#options.onStart(pending.id);
    this.target = this.#targetAt(x, y);
    this.#frame = requestAnimationFrame(this.#autoScroll);
  }

  #onMove = (event: PointerEvent): void => {
    const pending = this.#pending;
    if (!pending || event.pointerId !== pending.pointerId) return;
    if (!this.ghost) {
      const distance = Math.hypot(event.clientX - pending.startX, event.clientY - pending.startY);
      if (pending.pointerType === 'mouse') {
        if (distance >= MOUSE_THRESHOLD) this.#begin(event.clientX, event.clientY);
      } else if (distance > TOUCH_SLOP) {
        // Moved before the long press: this is a scroll, not a drag.
        this.#reset();
      }
      return;
    }
    event.preventDefault();
    this.ghost.x = event.clientX;
    this.ghost.y = event.clientY;
    this.target = this.#targetAt(event.clientX, event.clientY);
  };

  #onUp = (event: PointerEvent): void => {
    const pending = this.#pending;
    if (!pending || event.pointerId !== pending.pointerId) return;
    const ghost = this.ghost;
    const target = ghost ? this.#targetAt(event.clientX, event.clientY) : null;
    this.#reset();
    if (!ghost) return;
    this.#suppressClick = true;
    setTimeout(() => (this.#suppressClick = false), 0);
    if (target) this.#options.onDrop(ghost.id, target);
    this.#options.onEnd(ghost.id);
  };

  #onCancel = (event: PointerEvent): void => {
    if (this.#pending && event.pointerId === this.#pending.pointerId) this.cancel();
  };

  #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.ghost) {
      event.preventDefault();
      event.stopPropagation();
      this.cancel();
    }
  };

  #onTouchMove = (event: TouchEvent): void => {
    if (this.ghost) event.preventDefault();
  };

  #reset(): void {
    if (this.#pending?.timer) clearTimeout(this.#pending.timer);
    this.#pending = null;
    this.ghost = null;
    this.target = null;
    cancelAnimationFrame(this.#frame);
    document.body.classList.remove('dragging');
    this.#unlisten();
  }

  #targetAt(x: number, y: number): DropTarget | null {
    const id = this.ghost?.id;
    for (const element of document.elementsFromPoint(x, y)) {
      const tab = element.closest<HTMLElement>('[data-stage-tab]');
      const tabStage = tab?.dataset.stageTab;
      if (tabStage && isStage(tabStage)) return { stage: tabStage, index: null };
      const column = element.closest<HTMLElement>('[data-drop-stage]');
      const stage = column?.dataset.dropStage;
      if (column && stage && isStage(stage)) {
        return { stage, index: indexAt(column, id, y) };
      }
    }
    return null;
  }

  #autoScroll = (): void => {
    const ghost = this.ghost;
    if (!ghost) return;
    const scroller = this.#options.scroller();
    if (scroller) {
      const rect = scroller.getBoundingClientRect();
      const speed = edgeSpeed(ghost.x - rect.left, rect.right - ghost.x);
      if (speed) scroller.scrollLeft += speed;
    }
    const vertical = edgeSpeed(ghost.y, window.innerHeight - ghost.y);
    if (vertical) window.scrollBy(0, vertical);
    if (scroller || vertical) this.target = this.#targetAt(ghost.x, ghost.y);
    this.#frame = requestAnimationFrame(this.#autoScroll);
  };
}

/**
 * Where among a column's other cards (all but the dragged one) a drop at `y`
 * lands; null = the bottom. A long column renders a window of its cards: each
 * card's item carries its index among the others (data-other-index), so a
 * drop lands between the right two even when the column starts far above.
 */
function indexAt(column: HTMLElement, id: string | undefined, y: number): number | null {
  const cards = [...column.querySelectorAll<HTMLElement>('[data-card-id]')].filter(
    (card) => card.dataset.cardId !== id,
  );
  const indexOf = (card: HTMLElement, fallback: number) => {
    const value = card.closest<HTMLElement>('[data-other-index]')?.dataset.otherIndex;
    const index = value === undefined ? Number.NaN : Number.parseInt(value, 10);
    return Number.isNaN(index) ? fallback : index;
  };
  const below = cards.findIndex((card) => {
    const rect = card.getBoundingClientRect();
    return y < rect.top + rect.height / 2;
  });
  if (below !== -1) return indexOf(cards[below]!, below);
  const last = cards.at(-1);
  if (!last) return null;
  // Below every rendered card: the bottom, unless the column goes on past its window.
  const span = column.querySelectorAll<HTMLElement>('[data-window]')[0]?.dataset.window;
  const [, end, total] = /^\d+-(\d+)\/(\d+)$/.exec(span ?? '') ?? [];
  const next = indexOf(last, cards.length - 1) + 1;
  return end !== undefined && total !== undefined && end !== total ? next : null;
}

/** Scroll speed near an edge: negative toward the start, positive toward the end. */
export function edgeSpeed(fromStart: number, fromEnd: number): number {
  if (fromStart < EDGE) return -Math.ceil(((EDGE - Math.max(fromStart, 0)) / EDGE) * MAX_SPEED);
  if (fromEnd < EDGE) return Math.ceil(((EDGE - Math.max(fromEnd, 0)) / EDGE) * MAX_SPEED);
  return 0;
}
