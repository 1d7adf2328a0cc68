// Job targets in a real browser (issue 14): a target made on /targets shows on
// each application item by item ("remote ✓ · salary ✓ · excluded keyword
// 'on-call' ✗"), a change in one tab reaches another live, the board keeps
// only what fits, and every page works at 390 px without sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchBrowser, signUp, startPursuit, visit, type Pursuit } from './harness';

const LIVE_MS = 5_000;

let pursuit: Pursuit;
let browser: Browser;

function context(width: 'desktop' | 'phone', storageState?: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: pursuit.url,
    ...(storageState ? { storageState: JSON.parse(storageState) as never } : {}),
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

async function fitLabels(page: Page): Promise<string[]> {
  const section = page.getByTestId('fit-section');
  await section.getByTestId('target-fit-item').first().waitFor({ timeout: LIVE_MS });
  return section
    .locator('.items li')
    .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

describe.skipIf(!hasChromium)('Job targets', () => {
  beforeAll(async () => {
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('a target shows on applications item by item, follows edits live, and filters the board', async () => {
    const desk = await context('desktop');
    const page = await desk.newPage();
    await signUp(page, 'Tara');

    // Reached from the profile page; empty at first.
    await visit(page, '/profile');
    await page.getByTestId('targets-link').click();
    await page.waitForURL((url) => url.pathname === '/targets');
    await page.getByTestId('targets-empty').waitFor();

    await page.getByTestId('target-new').click();
    const form = page.getByTestId('target-form');
    await form.getByTestId('target-name').fill('Remote backend');
    await form.getByTestId('target-titles').fill('Backend engineer');
    await form.getByTestId('target-arrangement-remote').check();
    await form.getByTestId('target-salary').fill('100000');
    await form.getByTestId('target-currency').fill('eur');
    await form.getByTestId('target-excluded').fill('on-call');
    await form.getByTestId('target-save').click();
    await page.getByTestId('target-row-name').filter({ hasText: 'Remote backend' }).waitFor();

    const fits = await mutate<{ id: string }>(desk, 'application.create', {
      companyName: 'Acme',
      roleTitle: 'Senior Backend Engineer',
      jobDescription: 'Build Postgres services in TypeScript for a calm, well-rested team.',
      workArrangement: 'remote',
      salaryMin: 95_000,
      salaryMax: 125_000,
      salaryCurrency: 'EUR',
    });
    const misses = await mutate<{ id: string }>(desk, 'application.create', {
      companyName: 'Initech',
      roleTitle: 'Backend Engineer',
      jobDescription: 'Keep the TPS reports flowing; a weekly on-call rotation is part of it.',
      workArrangement: 'onsite',
    });

    await visit(page, `/applications/${fits.id}`);
    expect(await fitLabels(page)).toEqual([
      "title 'Backend engineer' ✓",
      'remote ✓',
      'salary ✓',
      "no 'on-call' ✓",
    ]);
    await visit(page, `/applications/${misses.id}`);
    expect(await fitLabels(page)).toEqual([
      "title 'Backend engineer' ✓",
      'on-site ✗',
      'salary unknown',
      "excluded keyword 'on-call' ✗",
    ]);

    // A second tab on /targets sees an edit made in the first, live.
    const other = await desk.newPage();
    await visit(other, '/targets');
    await visit(page, '/targets');
    await page.getByTestId('target-edit').click();
    await page.getByTestId('target-name').fill('Remote backend (EU)');
    await page.getByTestId('target-save').click();
    await other
      .getByTestId('target-row-name')
      .filter({ hasText: 'Remote backend (EU)' })
      .waitFor({ timeout: LIVE_MS });

    // The board keeps only what fits.
    await visit(page, '/');
    const filter = page.getByTestId('target-filter');
    const targetId = await filter
      .locator('option', { hasText: 'Remote backend (EU)' })
      .getAttribute('value');
    await filter.selectOption(targetId!);
    await page.waitForURL((url) => url.searchParams.get('target') === targetId);
    await page
      .getByTestId('board-card')
      .filter({ hasText: 'Initech' })
      .waitFor({ state: 'detached', timeout: LIVE_MS });
    const cards = await page.getByTestId('board-card').allTextContents();
    expect(cards.join(' ')).toContain('Acme');
    expect(cards.join(' ')).not.toContain('Initech');

    // At phone width: no sideways scrolling on the three pages.
    const phone = await context('phone', JSON.stringify(await desk.storageState()));
    const small = await phone.newPage();
    for (const path of ['/targets', `/applications/${misses.id}`, `/?target=${targetId}`]) {
      await visit(small, path);
      expect(await sidewaysScroll(small), path).toBeLessThanOrEqual(0);
    }
    await visit(small, '/targets');
    await small.getByTestId('target-edit').click();
    expect(await sidewaysScroll(small), 'the target form').toBeLessThanOrEqual(0);
    await phone.close();

    // Quick add: a similar role at another company shows while typing.
    await visit(page, '/');
    await page.getByTestId('quick-add-toggle').click();
    await page.getByTestId('quick-company').fill('Globex');
    await page.getByTestId('quick-role').fill('Senior Backend Engineer');
    const similar = page.getByTestId('quick-add').getByTestId('similar-application');
    await similar.first().waitFor({ timeout: LIVE_MS });
    expect(await similar.first().textContent()).toMatch(
      /Acme — Senior Backend Engineer\s+· Interested · \w{3} \d{4}\s+· similar role/,
    );
    await desk.close();
  }, 150_000);
});
