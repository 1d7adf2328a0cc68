// Comparing offers in a real browser (issue 13): two offers made through the
// API show side by side at desktop and phone width with totals worked out by
// hand, the best marked and the deadline counting down; a note edited (by
// mouse, and by keyboard on the phone) and a status changed in one tab show in
// another tab live; an offer in another currency is kept apart, never converted.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  signIn,
  signUp,
  startPursuit,
  visit,
  type Pursuit,
} from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION =
  'Own the payments platform end to end: ledgers, Postgres and the APIs around them.';
const LIVE_MS = 5_000;
const HOUR = 3_600_000;

let pursuit: Pursuit;
let browser: Browser;

function context(width: 'desktop' | 'phone'): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: pursuit.url,
    ...(width === 'phone'
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1400, height: 900 } }),
  });
}

/** One tRPC mutation with the tab's session, as another device would send it. */
async function mutate<T>(ctx: BrowserContext, path: string, input: unknown): Promise<T> {
  const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await fetch(`${pursuit.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: pursuit.url, cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

async function application(ctx: BrowserContext, companyName: string, roleTitle: string) {
  return mutate<{ id: string }>(ctx, 'application.create', {
    companyName,
    roleTitle,
    jobDescription: DESCRIPTION,
    stage: 'offer',
  });
}

/** The text of each offer column's cell in the row with test id `testid`. */
function cells(page: Page, testid: string): Promise<string[]> {
  return page
    .getByTestId(testid)
    .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe.skipIf(!hasChromium)('Offers side by side', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('two offers compare with correct totals at desktop and phone width, and edits show live in another tab', async () => {
    const desk = await context('desktop');
    const page = await desk.newPage();
    const email = await signUp(page, 'Olivia');

    // Nothing yet: the page says so and points at the board.
    await visit(page, '/offers');
    await page.getByTestId('offers-empty').waitFor();
    expect(await page.getByRole('link', { name: 'Go to the board' }).getAttribute('href')).toBe(
      '/',
    );

    const initech = await application(desk, 'Initech', 'Staff Engineer');
    const hooli = await application(desk, 'Hooli', 'Platform Lead');
    // 150,000 + 15 % (22,500) + 40,000 equity + 20,000 sign-on.
    await mutate(desk, 'offer.create', {
      applicationId: initech.id,
      currency: 'USD',
      baseSalary: 150_000,
      bonusTargetPercent: 15,
      equityAnnualValue: 40_000,
      signOnBonus: 20_000,
      ptoDays: 25,
      location: 'Austin',
      workArrangement: 'hybrid',
      responseDeadline: new Date(Date.now() + 76 * HOUR + 30 * 60_000).toISOString(),
    });
    // 160,000 + 10 % (16,000) + 5,000 sign-on; no equity stated.
    const second = await mutate<{ id: string }>(desk, 'offer.create', {
      applicationId: hooli.id,
      currency: 'USD',
      baseSalary: 160_000,
      bonusTargetPercent: 10,
      signOnBonus: 5_000,
      responseDeadline: new Date(Date.now() - HOUR).toISOString(),
    });

    await visit(page, '/offers');
    const table = page.getByTestId('offer-comparison-USD');
    await table.waitFor();
    expect(await page.getByTestId('offer-column').allTextContents()).toEqual([
      expect.stringContaining('Initech'),
      expect.stringContaining('Hooli'),
    ]);
    const firstYear = await cells(page, 'first-year-total');
    expect(firstYear[0]).toContain('$232,500');
    expect(firstYear[0]).toContain('Best');
    expect(firstYear[1]).toContain('$181,000');
    expect(firstYear[1]).toContain('No equity given (counted as 0).');
    expect(await cells(page, 'steady-state-total')).toEqual([
      expect.stringContaining('$212,500'),
      expect.stringContaining('$176,000'),
    ]);
    expect(await page.getByTestId('offer-countdown').allTextContents()).toEqual([
      '3 days 4 h left',
      'Expired',
    ]);
    expect(await page.getByTestId('currency-notice').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}offers-desktop.png`, fullPage: true });

    // A second tab (another device) watches while the first edits.
    const other = await context('desktop');
    const watcher = await other.newPage();
    await signIn(watcher, email);
    await visit(watcher, '/offers');
    await watcher.getByTestId('offer-comparison-USD').waitFor();

    const hooliNote = page.getByTestId('offer-note-cell').nth(1);
    await hooliNote.getByTestId('edit-note').click();
    await hooliNote.getByTestId('offer-note-input').fill('Counter on base: ask for 170k.');
    await hooliNote.getByTestId('save-note').click();
    await hooliNote.getByText('Counter on base: ask for 170k.').waitFor();
    await watcher
      .getByTestId('offer-note-cell')
      .nth(1)
      .getByText('Counter on base: ask for 170k.')
      .waitFor({ timeout: LIVE_MS });

    // Declining Hooli leaves one contender: no "Best" any more, in either tab.
    await page.getByTestId('offer-status').nth(1).selectOption('declined');
    await expect
      .poll(() => watcher.getByTestId('offer-status').nth(1).inputValue(), { timeout: LIVE_MS })
      .toBe('declined');
    await expect
      .poll(async () => (await cells(watcher, 'first-year-total'))[0], { timeout: LIVE_MS })
      .not.toContain('Best');
    await mutate(desk, 'offer.update', { id: second.id, status: 'pending' });

    // At 390 px the labels stay while the offer columns scroll under them.
    const phoneCtx = await context('phone');
    const phone = await phoneCtx.newPage();
    await signIn(phone, email);
    await visit(phone, '/offers');
    const scroller = phone.getByTestId('offer-comparison-USD');
    await scroller.waitFor();
    expect(await cells(phone, 'first-year-total')).toEqual([
      expect.stringContaining('$232,500'),
      expect.stringContaining('$181,000'),
    ]);
    const pageWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}offers-phone.png` });
    const label = phone.getByRole('rowheader', { name: 'First-year total' });
    const before = (await label.boundingBox())!;
    expect(before.x).toBeGreaterThanOrEqual(0);
    expect(before.x + before.width).toBeLessThan(200);
    // Keyboard: the scroller takes focus and the arrow keys move it.
    await scroller.focus();
    for (let i = 0; i < 8; i += 1) await phone.keyboard.press('ArrowRight');
    await expect
      .poll(() => scroller.evaluate((el) => el.scrollLeft), { timeout: 2000 })
      .toBeGreaterThan(0);
    const after = (await label.boundingBox())!;
    expect(Math.round(after.x)).toBe(Math.round(before.x));
    await phone.screenshot({ path: `${SHOTS}offers-phone-scrolled.png` });

    // A note edited with the keyboard alone: Enter opens it, Ctrl+Enter saves.
    const initechNote = phone.getByTestId('offer-note-cell').first();
    await initechNote.getByTestId('edit-note').focus();
    await phone.keyboard.press('Enter');
    await initechNote.getByTestId('offer-note-input').waitFor();
    await phone.keyboard.type('Refresh grants yearly.');
    await phone.keyboard.press('Control+Enter');
    await initechNote.getByText('Refresh grants yearly.').waitFor();
    expect(
      await phone.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null),
    ).toBe('edit-note');
    await watcher
      .getByTestId('offer-note-cell')
      .first()
      .getByText('Refresh grants yearly.')
      .waitFor({ timeout: LIVE_MS });

    // An offer in euros arrives: kept in its own table, never converted.
    const globex = await application(desk, 'Globex', 'Principal Engineer');
    await mutate(desk, 'offer.create', {
      applicationId: globex.id,
      currency: 'EUR',
      baseSalary: 120_000,
    });
    const notice = watcher.getByTestId('currency-notice');
    await notice.waitFor({ timeout: LIVE_MS });
    expect(await notice.textContent()).toContain('2 currencies (USD, EUR)');
    const euros = watcher.getByTestId('offer-comparison-EUR');
    expect(await euros.getByTestId('first-year-total').textContent()).toContain('€120,000');
    await phone.getByTestId('offer-comparison-EUR').waitFor({ timeout: LIVE_MS });
    await phone.screenshot({ path: `${SHOTS}offers-phone-two-currencies.png`, fullPage: true });

    await Promise.all([desk.close(), other.close(), phoneCtx.close()]);
  }, 150_000);
});
