// The 5,000-card board in the browser: after it went live, scroll its longest
// column to the bottom, drag a card with the pointer (holding it at the
// screen's bottom edge so the board auto-scrolls), and move cards from the
// keyboard, while a PerformanceObserver('longtask') installed before the
// page's scripts (page.ts) records every main-thread task over 50 ms.
import type { Page } from 'playwright-core';

export interface LongTask {
  start: number;
  duration: number;
}

export interface PhaseFigures {
  /** Longest main-thread task in the phase (0 when none passed 50 ms). */
  longest: number;
  /** Tasks over 50 ms in the phase. */
  count: number;
  /** Wall time of the phase. */
  ms: number;
}

export interface Interactions {
  column: string;
  columnCount: number;
  scroll: PhaseFigures & { steps: number; lastCardShown: boolean };
  drag: PhaseFigures & { dropped: boolean };
  keyboard: PhaseFigures & { moved: boolean; focused: boolean };
  /** Cards in the DOM once scrolled to the bottom. */
  cardsRendered: number;
}

const SETTLE_MS = 1_500;
const WHEEL_PX = 1_000;
const MAX_WHEEL_STEPS = 600;

const now = (page: Page) => page.evaluate<number>('performance.now()');
const longTasks = (page: Page) => page.evaluate<LongTask[]>('window.__bench.longTasks');

function phase(tasks: readonly LongTask[], from: number, to: number): PhaseFigures {
  const inside = tasks.filter((t) => t.start >= from && t.start < to);
  return {
    longest: inside.reduce((max, t) => Math.max(max, t.duration), 0),
    count: inside.length,
    ms: to - from,
  };
}

/**
 * Polls `expression` in the page until it is true (page.waitForFunction
 * evaluates through eval, which the app's Content-Security-Policy refuses).
 */
async function until(page: Page, expression: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate<boolean>(`Boolean(${expression})`)) return true;
    await page.waitForTimeout(50);
  }
  return false;
}

async function waitSaved(page: Page): Promise<void> {
  if (!(await until(page, "!document.querySelector('[data-card-id].saving')", 20_000)))
    throw new Error('a move was still saving after 20 s');
}

/** Runs the three interactions on a live board page and reads the long tasks of each. */
export async function interact(page: Page): Promise<Interactions> {
  await page.waitForTimeout(SETTLE_MS);
  const counts = await page.evaluate<
    [string, number][]
  >(`[...document.querySelectorAll('[data-testid^="count-"]')].map(
    (el) => [el.dataset.testid.slice('count-'.length), Number.parseInt(el.textContent || '0', 10)],
  )`);
  const [column, columnCount] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));

  // 1. Scroll the page to the bottom of the longest column with the mouse wheel.
  const box = await page.getByTestId(`column-${column}`).boundingBox();
  if (!box) throw new Error(`column ${column} not visible`);
  await page.mouse.move(box.x + box.width / 2, 400);
  const t0 = await now(page);
  let steps = 0;
  const atBottom = () =>
    page.evaluate<boolean>(
      'window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2',
    );
  while (steps < MAX_WHEEL_STEPS && !(await atBottom())) {
    await page.mouse.wheel(0, WHEEL_PX);
    steps += 1;
  }
  await page.waitForTimeout(300);
  const lastCardShown = await page.evaluate<boolean>(`(() => {
    const items = [...document.querySelectorAll('[data-testid="column-${column}"] li[aria-posinset]')];
    const last = items.find((li) => li.getAttribute('aria-posinset') === '${columnCount}');
    if (!last) return ${columnCount} <= 40 && items.length === 0;
    const rect = last.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  })()`);
  const cardsRendered = await page.evaluate<number>(
    'document.querySelectorAll(\'[data-testid="board-card"]\').length',
  );
  const t1 = await now(page);

  // 2. Drag the top card of the first column into the longest one, holding it
  //    at the bottom edge for a second (the page auto-scrolls under it).
  await page.evaluate('window.scrollTo({ top: 0, behavior: "instant" })');
  await page.waitForTimeout(300);
  const t1b = await now(page);
  const first = page.locator('[data-testid="column-interested"] [data-card-id]').first();
  const id = await first.getAttribute('data-card-id');
  const from = await first.boundingBox();
  const to = await page
    .getByTestId(`column-${column === 'interested' ? 'applied' : column}`)
    .boundingBox();
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  let dropped = false;
  if (from && to && id) {
    await page.mouse.move(from.x + 40, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 30, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + 200, { steps: 20 });
    await page.mouse.move(to.x + to.width / 2, viewport.height - 8, { steps: 10 });
    await page.waitForTimeout(1_000);
    await page.mouse.move(to.x + to.width / 2, viewport.height / 2, { steps: 10 });
    await page.mouse.up();
    await waitSaved(page);
    dropped =
      (await page
        .locator(`[data-card-id="${id}"]`)
        .getAttribute('data-stage')
        .catch(() => null)) !== 'interested';
  }
  const t2 = await now(page);

  // 3. From the keyboard: a card one step down, then to the stage on its
  //    left (the bottom of a long column, far below: the board scrolls there
  //    and focus follows the card).
  await page.evaluate('window.scrollTo({ top: 0, behavior: "instant" })');
  await page.waitForTimeout(300);
  const t2b = await now(page);
  const keyed = page.locator('[data-testid="column-interviewing"] [data-card-id]').first();
  const keyedId = await keyed.getAttribute('data-card-id');
  await keyed.locator('.role a').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await waitSaved(page);
  await page.keyboard.press('Alt+ArrowLeft');
  await waitSaved(page);
  const focused = await until(
    page,
    `document.activeElement?.closest('[data-card-id]')?.dataset.cardId === ${JSON.stringify(keyedId)}`,
    5_000,
  );
  const moved =
    (await page
      .locator(`[data-card-id="${keyedId}"]`)
      .getAttribute('data-stage')
      .catch(() => null)) === 'applied';
  const t3 = await now(page);

  const tasks = await longTasks(page);
  return {
    column,
    columnCount,
    scroll: { ...phase(tasks, t0, t1), steps, lastCardShown },
    drag: { ...phase(tasks, t1b, t2), dropped },
    keyboard: { ...phase(tasks, t2b, t3), moved, focused },
    cardsRendered,
  };
}
