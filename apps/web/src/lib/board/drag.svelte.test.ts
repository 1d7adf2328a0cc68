// DragController without a browser: a few fake elements stand in for the
// board (a column with cards), and the window's listeners are called directly.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DragController, edgeSpeed } from './drag.svelte';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

const rect = (left: number, top: number, width: number, height: number): Rect => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});

const camel = (attribute: string) =>
  attribute.replace(/^data-/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

class FakeElement {
  parent: FakeElement | null = null;
  children: FakeElement[] = [];
  constructor(
    readonly tag: string,
    readonly dataset: Record<string, string>,
    readonly box: Rect,
  ) {}
  add(child: FakeElement): FakeElement {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  matches(selector: string): boolean {
    return selector.split(',').some((part) => {
      const one = part.trim();
      const attribute = /^\[([\w-]+)\]$/.exec(one)?.[1];
      return attribute ? camel(attribute) in this.dataset : one === this.tag;
    });
  }
  closest(selector: string): FakeElement | null {
    return this.matches(selector) ? this : (this.parent?.closest(selector) ?? null);
  }
  querySelectorAll(selector: string): FakeElement[] {
    return this.children.flatMap((child) => [
      ...(child.matches(selector) ? [child] : []),
      ...child.querySelectorAll(selector),
    ]);
  }
  getBoundingClientRect(): Rect {
    return this.box;
  }
  setPointerCapture(): void {}
}

// A column "applied" at x 0–300 holding cards a (y 0–100) and b (y 100–200).
const column = new FakeElement('section', { dropStage: 'applied' }, rect(0, 0, 300, 600));
const cardA = column.add(new FakeElement('article', { cardId: 'a' }, rect(0, 0, 300, 100)));
const cardB = column.add(new FakeElement('article', { cardId: 'b' }, rect(0, 100, 300, 100)));
const tab = new FakeElement('button', { stageTab: 'offer' }, rect(400, 0, 80, 44));
const menuButton = cardA.add(new FakeElement('button', {}, rect(260, 0, 40, 40)));

type Listener = (event: unknown) => void;
let listeners: Map<string, Set<Listener>>;

function fire(type: string, event: object) {
  const full = { preventDefault: vi.fn(), stopPropagation: vi.fn(), ...event };
  for (const listener of listeners.get(type) ?? []) listener(full);
  return full;
}

function pointer(
  x: number,
  y: number,
  extra: Partial<{ pointerType: string; target: FakeElement; button: number }> = {},
) {
  return {
    clientX: x,
    clientY: y,
    pointerId: 1,
    pointerType: 'mouse',
    button: 0,
    target: cardA,
    preventDefault: vi.fn(),
    ...extra,
  } as unknown as PointerEvent;
}

function controller() {
  const calls = { onStart: vi.fn(), onDrop: vi.fn(), onEnd: vi.fn() };
  return { drag: new DragController({ ...calls, scroller: () => null }), ...calls };
}

beforeEach(() => {
  vi.useFakeTimers();
  listeners = new Map();
  vi.stubGlobal('window', {
    addEventListener: (type: string, listener: Listener) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(listener);
    },
    removeEventListener: (type: string, listener: Listener) =>
      listeners.get(type)?.delete(listener),
    scrollBy: vi.fn(),
    innerHeight: 800,
  });
  vi.stubGlobal('document', {
    body: { classList: { add: vi.fn(), remove: vi.fn() } },
    elementsFromPoint: (x: number, y: number) =>
      [tab, cardB, cardA, column].filter(
        ({ box }) => x >= box.left && x < box.right && y >= box.top && y < box.bottom,
      ),
  });
  vi.stubGlobal('navigator', { vibrate: vi.fn() });
  vi.stubGlobal('requestAnimationFrame', () => 1);
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('dragging a board card', () => {
  it('a mouse drag starts after a few pixels and drops between the cards under the pointer', () => {
    const { drag, ...options } = controller();
    drag.pointerDown(pointer(20, 20), 'a', cardA as unknown as HTMLElement);
    fire('pointermove', pointer(22, 22));
    expect(drag.active).toBe(false);
    fire('pointermove', pointer(30, 180));
    expect(drag.active).toBe(true);
    expect(options.onStart).toHaveBeenCalledWith('a');
    // Below b's middle: after b, the bottom of the column.
    expect(drag.target).toEqual({ stage: 'applied', index: null });
    fire('pointermove', pointer(30, 120));
    // Above b's middle, a itself not counted: first among the others.
    expect(drag.target).toEqual({ stage: 'applied', index: 0 });
    fire('pointerup', pointer(30, 120));
    expect(options.onDrop).toHaveBeenCalledWith('a', { stage: 'applied', index: 0 });
    expect(options.onEnd).toHaveBeenCalledWith('a');
    expect(drag.active).toBe(false);
  });

  it('the click that ends a drag does not open the card', () => {
    const { drag } = controller();
    drag.pointerDown(pointer(20, 20), 'a', cardA as unknown as HTMLElement);
    fire('pointermove', pointer(40, 40));
    fire('pointerup', pointer(40, 40));
    expect(drag.consumeClick()).toBe(true);
    expect(drag.consumeClick()).toBe(false);
  });

  it('a plain click is not a drag', () => {
    const { drag, ...options } = controller();
    drag.pointerDown(pointer(20, 20), 'a', cardA as unknown as HTMLElement);
    fire('pointerup', pointer(20, 20));
    expect(options.onStart).not.toHaveBeenCalled();
    expect(options.onDrop).not.toHaveBeenCalled();
    expect(drag.consumeClick()).toBe(false);
  });

  it('a press on one of the card’s buttons never starts a drag', () => {
    const { drag, ...options } = controller();
    drag.pointerDown(
      pointer(270, 10, { target: menuButton }),
      'a',
      cardA as unknown as HTMLElement,
    );
    fire('pointermove', pointer(100, 150));
    expect(options.onStart).not.toHaveBeenCalled();
  });

  it('the grip starts a drag at once', () => {
    const { drag, ...options } = controller();
    drag.pointerDown(
      pointer(280, 50, { target: menuButton }),
      'a',
      cardA as unknown as HTMLElement,
      true,
    );
    expect(drag.active).toBe(true);
    expect(options.onStart).toHaveBeenCalledWith('a');
  });

  it('a touch drags after a long press, and a swipe before it scrolls instead', () => {
    const first = controller();
    first.drag.pointerDown(
      pointer(20, 20, { pointerType: 'touch' }),
      'a',
      cardA as unknown as HTMLElement,
    );
    fire('pointermove', { ...pointer(20, 60, { pointerType: 'touch' }) });
    vi.runAllTimers();
    expect(first.onStart).not.toHaveBeenCalled();

    const second = controller();
    second.drag.pointerDown(
      pointer(20, 20, { pointerType: 'touch' }),
      'a',
      cardA as unknown as HTMLElement,
    );
    vi.runAllTimers();
    expect(second.drag.active).toBe(true);
    // Once dragging, the page must not pan under the finger.
    expect(fire('touchmove', {}).preventDefault).toHaveBeenCalled();
  });

  it('Escape cancels a drag without dropping', () => {
    const { drag, ...options } = controller();
    drag.pointerDown(pointer(20, 20), 'a', cardA as unknown as HTMLElement);
    fire('pointermove', pointer(40, 150));
    fire('keydown', { key: 'Escape' });
    expect(drag.active).toBe(false);
    expect(options.onEnd).toHaveBeenCalledWith('a');
    fire('pointerup', pointer(40, 150));
    expect(options.onDrop).not.toHaveBeenCalled();
  });

  it('a stage tab takes the card to the bottom of that stage', () => {
    const { drag, ...options } = controller();
    drag.pointerDown(pointer(20, 20), 'a', cardA as unknown as HTMLElement);
    fire('pointermove', pointer(410, 20));
    fire('pointerup', pointer(410, 20));
    expect(options.onDrop).toHaveBeenCalledWith('a', { stage: 'offer', index: null });
  });
});

describe('scrolling near an edge while dragging', () => {
  it('is still away from the edges and faster the nearer the pointer gets', () => {
    expect(edgeSpeed(200, 200)).toBe(0);
    expect(edgeSpeed(40, 500)).toBeLessThan(0);
    expect(edgeSpeed(0, 500)).toBeLessThan(edgeSpeed(40, 500));
    expect(edgeSpeed(500, 10)).toBeGreaterThan(edgeSpeed(500, 40));
  });
});
