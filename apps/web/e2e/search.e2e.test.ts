// Search in a real browser (issue 14): a person with a few applications
// presses Ctrl+K, types a word that is only in one application's notes and
// presses Enter to land on it; on a data engineering application the
// "Similar applications" section shows the other one, by meaning (the
// server's worker embeds each description a moment after it is saved). The
// palette works at phone width from the header's search button.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { hasChromium, launchBrowser, signUp, startPursuit, visit, type Pursuit } from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;

const DATA_A =
  'We are hiring a Senior Data Engineer to build batch and streaming data pipelines. Design ETL jobs in Python and SQL, orchestrate them with Apache Airflow, process events with Spark and Kafka, and model the warehouse in Snowflake with dbt.';
const DATA_B =
  'Data Engineer, analytics platform: own the ingestion of product events into the data warehouse, write Airflow DAGs, transform data with dbt and SQL, and build Spark jobs in Python for the heavy batch work.';
const CHEF =
  'Pastry chef for a busy hotel restaurant: prepare laminated doughs, croissants, plated desserts and wedding cakes, manage the pastry stock and ordering, and train two commis.';

let pursuit: Pursuit;
let browser: Browser;

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

describe.skipIf(!hasChromium)('Search and similar by meaning', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('Ctrl+K finds an application by a word in its notes, and Enter opens it', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await ctx.newPage();
    await signUp(page, 'Sasha');
    const marked = await mutate<{ id: string }>(ctx, 'application.create', {
      companyName: 'Initech',
      roleTitle: 'Platform Engineer',
      jobDescription: CHEF.replace('Pastry chef', 'Kitchen systems engineer'),
      notes: 'The recruiter mentioned a quokka in the office.',
    });
    await mutate(ctx, 'application.create', {
      companyName: 'Hooli',
      roleTitle: 'Senior Data Engineer',
      jobDescription: DATA_A,
    });
    await visit(page, '/');
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('command-palette-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.pressSequentially('quokka', { delay: 30 });
    const result = page.getByTestId('search-result').first();
    await result.waitFor();
    expect(await result.textContent()).toContain('Platform Engineer at Initech');
    expect(await result.locator('mark').first().textContent()).toBe('quokka');
    await page.screenshot({ path: `${SHOTS}search-palette.png` });
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/applications/${marked.id}`);
    // Escape closes it; the shortcut opens it again with the keyboard only.
    await page.keyboard.press('Control+k');
    await input.waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('command-palette').waitFor({ state: 'hidden' });
    await ctx.close();
  });

  it('an application page shows a similar one by meaning, with its stage', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await ctx.newPage();
    await signUp(page, 'Dana');
    const a = await mutate<{ id: string }>(ctx, 'application.create', {
      companyName: 'Pied Piper',
      roleTitle: 'Senior Data Engineer',
      jobDescription: DATA_A,
    });
    await mutate(ctx, 'application.create', {
      companyName: 'Aviato',
      roleTitle: 'Data Engineer',
      jobDescription: DATA_B,
    });
    await mutate(ctx, 'application.create', {
      companyName: 'Le Bistro',
      roleTitle: 'Pastry Chef',
      jobDescription: CHEF,
    });
    await visit(page, `/applications/${a.id}`);
    const first = page.getByTestId('similar-by-meaning-item').first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.textContent()).toMatch(/Data Engineer at Aviato · Interested/);
    await ctx.close();
  });

  it('at 390 px the header button opens the palette, which fits the screen', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    await signUp(page, 'Pat');
    await page.getByTestId('open-search').tap();
    const input = page.getByTestId('command-palette-input');
    await input.fill('insights');
    const link = page.getByTestId('palette-link').filter({ hasText: 'Insights' });
    await link.waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(390);
    const box = await page.getByTestId('command-palette').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}search-palette-phone.png` });
    await link.tap();
    await page.waitForURL('**/insights');
    await ctx.close();
  });
});
