// A long column in a real browser (issue 15): with 300 cards in one stage the
// column renders a window of them, its count still says 300, scrolling to the
// bottom shows the last card, a keyboard move far down works (and focus
// follows the card), a card moved from the keyboard to the bottom of the long
// column is scrolled to and focused, and a drag out of it still drops. The
// side panel's code loads when a card first opens: the panel still shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchBrowser, signUp, startPursuit, visit, type Pursuit } from './harness';

let pursuit: Pursuit;
let browser: Browser;

const LONG = 300;

/** tRPC calls with the tab's session, sent as one batch (as the app's own client does). */
async function mutateBatch(ctx: BrowserContext, path: string, inputs: unknown[]): Promise<void> {
  const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const paths = inputs.map(() => path).join(',');
  const body = Object.fromEntries(inputs.map((input, i) => [String(i), { json: input }]));
  const response = await fetch(`${pursuit.url}/trpc/${paths}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: pursuit.url, cookie },
    body: JSON.stringify(body),
  });
  const results = (await response.json()) as { result?: unknown; error?: unknown }[];
  const failed = results.find((r) => !r.result);
  if (!response.ok || failed) throw new Error(`${path}: ${JSON.stringify(failed?.error)}`);
}

const application = (role: string, stage = 'interested') => ({
  companyName: `Acme ${role}`,
  roleTitle: role,
  jobDescription: `A role to fill a long board column in the browser test: ${role}.`,
  stage,
});

const column = (page: Page, stage: string) => page.getByTestId(`column-${stage}`);
const card = (page: Page, role: string) => page.locator('[data-card-id]', { hasText: role });
const saved = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('[data-card-id].saving'));
const atBottom = (page: Page) =>
  page.evaluate(
    () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
  );
/** The card's place in its column (1-based), as the list item says it for assistive tech. */
const placeOf = (page: Page, role: string) =>
  card(page, role).evaluate((el) => el.closest('li')?.getAttribute('aria-posinset'));
const focusedCard = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-card-id]')?.textContent ?? '');

describe.skipIf(!hasChromium)('A long board column', () => {
  beforeAll(async () => {
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('renders a window of 300 cards, scrolls to the last, and moves cards far down from the keyboard and by drag', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1400, height: 900 },
    });
    const page = await ctx.newPage();
    await signUp(page, 'Longlist');
    // One at a time: each goes to the end of the column (concurrent creates may share a position).
    for (let i = 1; i < LONG; i += 1) {
      await mutateBatch(ctx, 'application.create', [application(`Role ${i}`)]);
    }
    await mutateBatch(ctx, 'application.create', [application('Last Role')]);
    await mutateBatch(ctx, 'application.create', [application('Mover Role', 'applied')]);

    await visit(page, '/');
    expect(await page.getByTestId('count-interested').textContent()).toBe(String(LONG));
    const rendered = await column(page, 'interested').locator('[data-card-id]').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(80);
    expect(await card(page, 'Last Role').count()).toBe(0);

    // Scroll the page down over the column until its end: the last card is there.
    const box = await column(page, 'interested').boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, 500);
    for (let step = 0; step < 200 && !(await atBottom(page)); step += 1) {
      await page.mouse.wheel(0, 800);
    }
    await card(page, 'Last Role').waitFor();
    expect(await card(page, 'Last Role').isVisible()).toBe(true);
    expect(await placeOf(page, 'Last Role')).toBe(String(LONG));
    expect(await column(page, 'interested').locator('[data-card-id]').count()).toBeLessThan(80);
    expect(await page.getByTestId('count-interested').textContent()).toBe(String(LONG));

    // Alt+↑ on the last card: one place up, focus stays on it.
    await card(page, 'Last Role').locator('.role a').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await saved(page);
    await expect.poll(() => placeOf(page, 'Last Role')).toBe(String(LONG - 1));
    expect(await focusedCard(page)).toContain('Last Role');

    // Back at the top, Alt+← on Applied's card sends it to the bottom of the
    // long column, far below the rendered window: the board goes there and focus follows.
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await card(page, 'Mover Role').locator('.role a').focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await saved(page);
    await expect
      .poll(() => page.getByTestId('count-interested').textContent())
      .toBe(String(LONG + 1));
    expect(await page.getByTestId('count-applied').textContent()).toBe('0');
    await expect.poll(() => focusedCard(page)).toContain('Mover Role');
    expect(await placeOf(page, 'Mover Role')).toBe(String(LONG + 1));
    expect(await card(page, 'Mover Role').getAttribute('data-stage')).toBe('interested');

    // A drag from the top of the long column into Applied still drops.
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    const first = column(page, 'interested').locator('li[aria-posinset="1"] [data-card-id]');
    await first.waitFor();
    const firstRole = (await first.locator('.role a').textContent())!.split(': ').at(-1)!.trim();
    const from = await first.boundingBox();
    const to = await column(page, 'applied').boundingBox();
    await page.mouse.move(from!.x + 40, from!.y + 20);
    await page.mouse.down();
    await page.mouse.move(from!.x + 60, from!.y + 30, { steps: 3 });
    await page.mouse.move(to!.x + to!.width / 2, to!.y + 80, { steps: 10 });
    await page.mouse.up();
    await column(page, 'applied').locator('[data-card-id]', { hasText: firstRole }).waitFor();
    await saved(page);
    expect(await page.getByTestId('count-applied').textContent()).toBe('1');
    expect(await page.getByTestId('count-interested').textContent()).toBe(String(LONG));

    // After a reload the server's own order agrees.
    await visit(page, '/');
    expect(await page.getByTestId('count-interested').textContent()).toBe(String(LONG));
    expect(await column(page, 'applied').locator('[data-card-id]').count()).toBe(1);
    await ctx.close();
  }, 180_000);

  it('opens a card in the side panel, whose code loads on first use, and Escape returns focus to the card', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1400, height: 900 },
    });
    const page = await ctx.newPage();
    await signUp(page, 'Panel');
    await mutateBatch(ctx, 'application.create', [application('Panel Role')]);
    await visit(page, '/');
    await card(page, 'Panel Role').locator('.role a').click();
    const panel = page.getByTestId('side-panel');
    await panel.getByTestId('application-detail').waitFor();
    expect(await panel.getByRole('heading', { level: 1 }).textContent()).toContain('Panel Role');
    expect(new URL(page.url()).pathname).toMatch(/^\/applications\//);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => focusedCard(page)).toContain('Panel Role');
    await ctx.close();
  });
});
