// The web app in a real browser: sign-up, the live board across two
// "devices", notes conflicts, revocation, and the phone layout.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  live,
  PASSWORD,
  signIn,
  signUp,
  startPursuit,
  visit,
  type Pursuit,
} from './harness';

let pursuit: Pursuit;
let BASE = '';
const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION =
  'We are looking for an engineer to build delightful products with a small, friendly team.';

let browser: Browser;

async function context(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE, viewport: { width: 1400, height: 900 }, ...options });
}

async function quickAdd(page: Page, company: string, role: string) {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').click();
  await page.getByTestId('quick-company').fill(company);
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(DESCRIPTION);
  await page.getByTestId('quick-submit').click();
  await page.locator('[data-card-id]', { hasText: role }).waitFor();
}

async function dragCard(page: Page, role: string, stage: string) {
  const card = await page.locator('[data-card-id]', { hasText: role }).boundingBox();
  const column = await page.getByTestId(`column-${stage}`).boundingBox();
  if (!card || !column) throw new Error('card or column not visible');
  await page.mouse.move(card.x + 40, card.y + 20);
  await page.mouse.down();
  await page.mouse.move(card.x + 60, card.y + 30, { steps: 3 });
  await page.mouse.move(column.x + column.width / 2, column.y + 80, { steps: 10 });
  await page.mouse.up();
}

describe.skipIf(!hasChromium)('Pursuit in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    BASE = pursuit.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('a new person signs up, quick-adds an application and sees its card', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signUp(page, 'Newcomer');
    await expect(
      page.getByRole('heading', { name: 'Start your search here' }).isVisible(),
    ).resolves.toBe(true);
    await quickAdd(page, 'Acme', 'Staff Engineer');
    expect(await page.getByTestId('count-interested').textContent()).toBe('1');
    await ctx.close();
  });

  it('a drag on one device moves the card on the other within 2 s; another user never sees it', async () => {
    const a = await context();
    const pageA = await a.newPage();
    const email = await signUp(pageA, 'Two Devices');
    await quickAdd(pageA, 'Globex', 'Frontend Lead');

    const b = await context();
    const pageB = await b.newPage();
    await signIn(pageB, email);
    await pageB.waitForSelector('[data-status="live"]');

    const stranger = await context();
    const pageC = await stranger.newPage();
    await signUp(pageC, 'Stranger');
    await pageC.waitForSelector('[data-status="live"]');

    await dragCard(pageA, 'Frontend Lead', 'applied');
    const started = Date.now();
    await pageB
      .locator('[data-testid="column-applied"] [data-card-id]', { hasText: 'Frontend Lead' })
      .waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pageB.getByTestId('announcer').textContent()).toContain('moved to Applied');

    await pageC.waitForTimeout(500);
    expect(await pageC.locator('[data-card-id]').count()).toBe(0);
    await Promise.all([a.close(), b.close(), stranger.close()]);
  });

  it('moves a card from the keyboard', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signUp(page, 'Keyboard');
    await quickAdd(page, 'Initech', 'Platform Engineer');
    await page.locator('[data-card-id] a', { hasText: 'Platform Engineer' }).focus();
    await page.keyboard.press('Alt+ArrowRight');
    await page.locator('[data-testid="column-applied"] [data-card-id]').waitFor();
    // The move is optimistic: wait for the server to confirm before reloading.
    await page.waitForFunction(() => !document.querySelector('[data-card-id].saving'));
    await page.reload();
    expect(await page.getByTestId('count-applied').textContent()).toBe('1');
    await ctx.close();
  });

  it('the second of two notes saves shows both versions instead of overwriting', async () => {
    const a = await context();
    const pageA = await a.newPage();
    const email = await signUp(pageA, 'Notes');
    await quickAdd(pageA, 'Hooli', 'Data Engineer');
    const id = await pageA.locator('[data-card-id]').first().getAttribute('data-card-id');
    const b = await context();
    const pageB = await b.newPage();
    await signIn(pageB, email);

    await visit(pageA, `/applications/${id}`);
    await visit(pageB, `/applications/${id}`);
    await pageA.getByTestId('notes-edit').click();
    await pageB.getByTestId('notes-edit').click();
    await pageA.getByTestId('notes-input').fill('Recruiter: Jane. Call Tuesday.');
    await pageB.getByTestId('notes-input').fill('Sent CV on Monday.');
    await pageA.getByTestId('notes-save').click();
    await pageA.getByTestId('notes-text').waitFor();
    await pageB.getByTestId('notes-save').click();
    await pageB.getByTestId('notes-conflict').waitFor();
    expect(await pageB.getByTestId('conflict-theirs').textContent()).toContain('Recruiter: Jane');
    expect(await pageB.getByTestId('conflict-mine').textContent()).toContain('Sent CV');
    await pageB.getByTestId('keep-mine').click();
    await pageA.getByText('Sent CV on Monday.').waitFor({ timeout: 2000 });
    await Promise.all([a.close(), b.close()]);
  });

  it('after the server goes down and comes back, the board reconnects and shows what changed meanwhile', async () => {
    const a = await context();
    const page = await a.newPage();
    await signUp(page, 'Restart');
    await quickAdd(page, 'Wayne', 'Site Reliability Engineer');
    const id = await page.locator('[data-card-id]').first().getAttribute('data-card-id');
    await page.waitForSelector('[data-status="live"]');
    const cookie = (await a.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

    await pursuit.stop();
    await page.waitForSelector('[data-status="reconnecting"], [data-status="offline"]', {
      timeout: 10_000,
    });
    await pursuit.start();
    // A change made by another device while this tab is still reconnecting.
    const moved = await fetch(`${BASE}/trpc/application.move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE, cookie },
      body: JSON.stringify({ json: { id, stage: 'interviewing' } }),
    });
    expect(moved.status).toBe(200);
    await page.waitForSelector('[data-status="live"]', { timeout: 20_000 });
    await page
      .locator('[data-testid="column-interviewing"] [data-card-id]', {
        hasText: 'Site Reliability Engineer',
      })
      .waitFor({ timeout: 5000 });
    await a.close();
  });

  it('revoking a session from another device sends that tab to the sign-in page', async () => {
    const a = await context();
    const pageA = await a.newPage();
    const email = await signUp(pageA, 'Revoker');
    const b = await context();
    const pageB = await b.newPage();
    await signIn(pageB, email);
    await pageB.waitForSelector('[data-status="live"]');

    await visit(pageA, '/account');
    const other = pageA.getByTestId('session-row').filter({ hasNotText: 'This device' }).first();
    await other.getByTestId('revoke-session').click();
    await pageB.waitForURL(/\/login\?reason=signed-out/, { timeout: 5000 });
    await Promise.all([a.close(), b.close()]);
  });

  it('works on a phone, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const ctx = await context({
        viewport: { width: 375, height: 812 },
        hasTouch: true,
        isMobile: true,
        colorScheme,
      });
      const page = await ctx.newPage();
      await signUp(page, `Phone ${colorScheme}`);
      await quickAdd(page, 'Umbrella', 'QA Lead');
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByTestId('card-menu').click();
      await page.getByTestId('move-to-applied').click();
      await page.getByTestId('stage-tab-applied').waitFor();
      expect(await page.getByTestId('stage-tab-applied').getAttribute('aria-selected')).toBe(
        'true',
      );
      await page.screenshot({ path: `${SHOTS}board-phone-${colorScheme}.png` });
      await page.locator('[data-card-id] a').first().tap();
      await page.waitForURL(/\/applications\//);
      await page.screenshot({ path: `${SHOTS}detail-phone-${colorScheme}.png`, fullPage: true });
      const desktop = await context({ colorScheme, storageState: await ctx.storageState() });
      const wide = await desktop.newPage();
      await wide.goto('/');
      await wide.screenshot({ path: `${SHOTS}board-desktop-${colorScheme}.png` });
      await Promise.all([ctx.close(), desktop.close()]);
    }
  });
});
