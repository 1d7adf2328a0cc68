// Capturing a posting in a real browser (issue 14): the Save to Pursuit
// bookmarklet read from the settings page runs on a fixture job page served
// by this test, lands on /capture pre-filled with where each field came from,
// says "you applied here before" for a company with history, saves, and the
// card is on the board. The URL box fetches an allowed fixture page and
// refuses a loopback one; /capture has no horizontal scroll at 390 px.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  live,
  PASSWORD,
  signUp,
  startPursuit,
  visit,
  type Pursuit,
} from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const fixture = (name: string) =>
  readFileSync(
    new URL(`../../../packages/api/test/fixtures/capture/${name}.html`, import.meta.url),
    'utf8',
  );

let pursuit: Pursuit;
let browser: Browser;
let jobs: Server;
let jobsOrigin: string;

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

describe.skipIf(!hasChromium)('Capture a posting', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    jobs = createServer((req, res) => {
      const name = (req.url ?? '/').replace(/^\/jobs\//, '');
      if (['greenhouse', 'microdata', 'opengraph'].includes(name)) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fixture(name));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => jobs.listen(0, '127.0.0.1', resolve));
    jobsOrigin = `http://127.0.0.1:${(jobs.address() as AddressInfo).port}`;
    pursuit = await startPursuit({ CAPTURE_ALLOW_HOSTS: new URL(jobsOrigin).host });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
    jobs?.closeAllConnections();
    await new Promise((resolve) => jobs?.close(resolve));
  });

  it('the bookmarklet captures a posting on a job page, shows the history with that company, and saves it to the board', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await ctx.newPage();
    await signUp(page, 'Casey');
    await mutate(ctx, 'application.create', {
      companyName: 'Northwind Traders, Inc.',
      roleTitle: 'Backend Engineer',
      jobDescription: 'An earlier try at Northwind: APIs, Postgres and a lot of groceries to move.',
      stage: 'applied',
    });

    await visit(page, '/settings');
    const link = page.getByTestId('bookmarklet-link');
    await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/^javascript:/);
    const href = (await link.getAttribute('href'))!;
    expect(await link.textContent()).toContain('Save to Pursuit');

    // The job page, in the same browser; the bookmark runs there as a click would run it.
    await page.goto(`${jobsOrigin}/jobs/greenhouse`);
    await page.evaluate(
      (code) => {
        (0, eval)(code);
      },
      decodeURIComponent(href.slice('javascript:'.length)),
    );
    await page.waitForURL((url) => url.origin === pursuit.url && url.pathname === '/capture');
    await live(page);

    await page.getByTestId('capture-report').waitFor();
    await expect
      .poll(() => page.getByTestId('form-company').inputValue())
      .toBe('Northwind Traders');
    expect(await page.getByLabel('Role').inputValue()).toBe('Senior Backend Engineer');
    expect(await page.getByLabel('Job posting URL').inputValue()).toBe(
      'https://boards.example/northwind/jobs/4012345',
    );
    expect(await page.getByLabel('Salary from').inputValue()).toBe('85000');
    expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
    expect(await page.getByLabel('Job description').inputValue()).toContain(
      '- Design resilient APIs in TypeScript',
    );
    expect(await page.getByTestId('source-companyName').textContent()).toContain('JSON-LD');
    // The fragment is gone from the address bar.
    expect(new URL(page.url()).hash).toBe('');

    const history = page.getByTestId('company-history');
    await history.waitFor({ timeout: 10_000 });
    expect(await history.textContent()).toMatch(/You applied here/);
    await page.screenshot({ path: `${SHOTS}capture-bookmarklet.png`, fullPage: true });

    await page.getByTestId('save-application').click();
    await page.waitForURL((url) => url.pathname === '/');
    await live(page);
    const card = page.getByTestId('board-card').filter({ hasText: 'Senior Backend Engineer' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Northwind Traders');
    await ctx.close();
  });

  it('a bookmarklet run while signed out keeps the posting through the sign-in', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await ctx.newPage();
    const email = await signUp(page, 'Robin');
    await visit(page, '/settings');
    const link = page.getByTestId('bookmarklet-link');
    await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/^javascript:/);
    const href = (await link.getAttribute('href'))!;
    await ctx.clearCookies();

    await page.goto(`${jobsOrigin}/jobs/greenhouse`);
    await page.evaluate(
      (code) => {
        (0, eval)(code);
      },
      decodeURIComponent(href.slice('javascript:'.length)),
    );
    await page.waitForURL((url) => url.origin === pursuit.url && url.pathname === '/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/capture');
    await live(page);
    await page.getByTestId('capture-report').waitFor();
    await expect
      .poll(() => page.getByTestId('form-company').inputValue())
      .toBe('Northwind Traders');
    await ctx.close();
  });

  it('the URL box reads an allowed page, refuses a loopback one, and /capture fits 390 px', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    await signUp(page, 'Robin');
    await visit(page, '/capture');
    const noScroll = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await noScroll()).toBeLessThanOrEqual(390);

    await page.getByLabel('Job posting URL').fill(`${pursuit.url}/settings`);
    await page.getByRole('button', { name: 'Read the posting' }).click();
    const error = page.getByTestId('capture-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /private or special networks: localhost is at .*loopback/,
    );

    await page.getByLabel('Job posting URL').fill(`${jobsOrigin}/jobs/microdata`);
    await page.getByRole('button', { name: 'Read the posting' }).click();
    await page.getByTestId('capture-report').waitFor();
    await expect.poll(() => page.getByTestId('form-company').inputValue()).toBe('Fabrikam, Inc.');
    expect(await page.getByTestId('capture-warnings').textContent()).toContain('per month');
    expect(await noScroll()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}capture-390.png`, fullPage: true });
    await ctx.close();
  });
});
