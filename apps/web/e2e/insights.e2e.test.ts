// The Insights page in a real browser (issue 13): a new person sees the empty
// state; with applications seeded through the API the headline numbers match
// the known answers and carry their definitions; each chart is an image with
// a summary and a table; a card moved from another device changes the
// response rate live, without a reload; and at 390 px nothing overflows.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchBrowser, live, signUp, startPursuit, type Pursuit } from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION = 'A platform team building the tools every engineer here uses each day.';
const LIVE_MS = 8_000;

let browser: Browser;
let pursuit: Pursuit;
let desktop: BrowserContext;
let cookie = '';
const ids: Record<string, string> = {};

async function call(path: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${pursuit.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: pursuit.url, cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: unknown } } };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.result?.data?.json;
}

async function add(key: string, stage: string) {
  const row = (await call('application.create', {
    companyName: `Company ${key}`,
    roleTitle: `Engineer ${key}`,
    jobDescription: DESCRIPTION,
    stage,
  })) as { id: string };
  ids[key] = row.id;
}

const move = (key: string, stage: string) => call('application.move', { id: ids[key], stage });

const value = (page: Page, key: string) => page.getByTestId(`value-${key}`);

async function expectHeadlines(page: Page, expected: Record<string, string>) {
  for (const [key, text] of Object.entries(expected)) {
    await expect.poll(() => value(page, key).textContent(), { timeout: LIVE_MS }).toBe(text);
  }
}

describe.skipIf(!hasChromium)('the Insights page, in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    browser = await launchBrowser();
    desktop = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1400, height: 900 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('shows an empty state before anything is tracked', async () => {
    const page = await desktop.newPage();
    await signUp(page, 'Insightful');
    cookie = (await desktop.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.waitForURL((url) => url.pathname === '/insights');
    await page.getByTestId('insights-empty').waitFor();
    await page.close();
  });

  it('matches the known answers, with definitions, and follows a card moved elsewhere', async () => {
    // Applied: A, B, C, E, F. Responded: B (interviewing), C (rejected).
    // Ghosted: F (marked). E withdrew; D never applied.
    await add('A', 'applied');
    await add('B', 'applied');
    await move('B', 'interviewing');
    await add('C', 'applied');
    await move('C', 'rejected');
    await add('D', 'interested');
    await add('E', 'applied');
    await move('E', 'withdrawn');
    await add('F', 'applied');
    await move('F', 'ghosted');

    const page = await desktop.newPage();
    await page.goto('/insights');
    await live(page);
    await expectHeadlines(page, {
      applied: '5',
      responded: '2',
      ghosted: '1',
      responseRate: '40%',
      interviewRate: '20%',
      offerRate: '0%',
      medianDaysToFirstResponse: '0 days',
    });
    const responded = page.getByTestId('headline-responded');
    expect(await responded.textContent()).toContain(
      'Responded: applied, and later reached interviewing, offer, accepted or rejected. A rejection is a response.',
    );
    expect(await page.getByTestId('headline-ghosted').textContent()).toContain('Here N = 21.');

    // Each chart: an image named by its summary, and the same numbers as a table.
    const funnel = page.getByTestId('chart-funnel');
    await expect
      .poll(() => funnel.getByRole('img').getAttribute('aria-label'))
      .toBe('Funnel: 5 applied, 2 responded, 1 interviewing, 0 offer, 0 accepted.');
    await funnel.getByRole('button', { name: 'Show as table' }).click();
    const row = funnel.getByRole('row', { name: /Responded/ });
    expect(await row.textContent()).toContain('40%');
    for (const id of ['funnel', 'stages', 'weekly', 'source', 'resume']) {
      await page.getByTestId(`chart-${id}`).getByRole('img').waitFor();
    }
    // Chart.js drew on the canvas (it sizes it to its box).
    await expect
      .poll(() => funnel.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).width))
      .toBeGreaterThan(100);

    // Another device moves A to interviewing: the numbers follow, no reload.
    await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
    await move('A', 'interviewing');
    await expectHeadlines(page, { responded: '3', responseRate: '60%', interviewRate: '40%' });
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );

    // A range keeps the same numbers here (everything happened today).
    await page.getByTestId('range-30').click();
    await expect.poll(() => page.getByTestId('range-30').getAttribute('aria-pressed')).toBe('true');
    await expectHeadlines(page, { applied: '5', responseRate: '60%' });
    await page.screenshot({ path: `${SHOTS}insights-desktop.png`, fullPage: true });
    await page.close();
  });

  it('works at 390 px: the same numbers, nothing wider than the screen', async () => {
    const phone = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.addCookies(await desktop.cookies());
    const page = await phone.newPage();
    await page.goto('/insights');
    await live(page);
    await expectHeadlines(page, { applied: '5', responded: '3', responseRate: '60%' });
    await page.getByTestId('chart-weekly').getByRole('img').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('toggle-source').click();
    expect(await page.getByTestId('chart-source').getByRole('table').textContent()).toContain(
      'Not recorded',
    );
    await page.screenshot({ path: `${SHOTS}insights-390.png`, fullPage: true });
    await phone.close();
  });
});
