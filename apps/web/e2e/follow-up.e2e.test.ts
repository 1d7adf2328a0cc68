// A quiet application in a real browser (issue 13), at desktop width and at
// 390 px: a card applied 30 days ago says "No reply in 30 days"; Draft
// follow-up opens the application with the follow-up email being written and
// then ready, naming the company; Set follow-up date holds the nudge back;
// Mark ghosted moves the card to the Ghosted column. The applied date is set
// in the past through the server's own database as its owner (the server runs
// on a data directory this test chooses, so it can read the credentials).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  live,
  signUp,
  startPursuit,
  visit,
  type Pursuit,
} from './harness';

// The `postgres` client the database package uses (the web app itself has none).
type Sql = ((strings: TemplateStringsArray, ...values: unknown[]) => Promise<unknown[]>) & {
  end(): Promise<void>;
};
const requireFromDb = createRequire(new URL('../../../packages/db/package.json', import.meta.url));
const postgres = requireFromDb('postgres') as (url: string, options?: object) => Sql;

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION = `Initech is hiring a Platform Engineer to own its ingestion pipeline.

Requirements:
- Experience with Kafka and PostgreSQL
- Strong TypeScript

Responsibilities: design the data pipeline, keep it fast, mentor engineers.`;

let pursuit: Pursuit;
let browser: Browser;
let sql: Sql;
let dataDir = '';

/** The embedded cluster's superuser, from the data directory the server was given. */
function ownerSql(dir: string): Sql {
  const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as {
    superuser: string;
  };
  const port = readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return postgres(
    `postgres://postgres:${encodeURIComponent(secrets.superuser)}@127.0.0.1:${port}/pursuit`,
    { max: 1, onnotice: () => {} },
  );
}

function context(width: number, height: number): Promise<BrowserContext> {
  return browser.newContext({ baseURL: pursuit.url, viewport: { width, height } });
}

/** Quick-adds an application straight into Applied; returns its id. */
async function addApplied(page: Page, company: string, role: string): Promise<string> {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').click();
  await page.getByTestId('quick-add').locator('select').selectOption('applied');
  await page.getByTestId('quick-company').fill(company);
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(DESCRIPTION);
  await page.getByTestId('quick-submit').click();
  const card = page.locator('[data-card-id]', { hasText: role });
  await card.waitFor({ state: 'attached' });
  return (await card.getAttribute('data-card-id'))!;
}

/** Sets the applied date `days` days back (the history follows, by migration 0014). */
async function appliedDaysAgo(id: string, days: number) {
  await sql`update applications set applied_at = now() - make_interval(days => ${days})
    where id = ${id}`;
}

const cardOf = (page: Page, id: string) => page.locator(`[data-card-id="${id}"]`);

/** Draft follow-up → the application page, the email written before our eyes, then ready. */
async function draftFollowUp(page: Page, id: string, company: string) {
  await cardOf(page, id).getByTestId('ghost-draft').click();
  await page.waitForURL(
    (url) => url.pathname === `/applications/${id}` && url.hash === '#follow-up',
  );
  await live(page);
  const email = page.getByTestId('document-follow_up_email');
  await page.waitForSelector('[data-testid="document-follow_up_email"][data-status="generating"]', {
    timeout: 30_000,
  });
  // Sampled while it is written: the text grows in the page before it is ready.
  const lengths: number[] = [];
  const deadline = Date.now() + 60_000;
  while ((await email.getAttribute('data-status')) !== 'ready') {
    const body = page.getByTestId('document-body-follow_up_email');
    if ((await email.getAttribute('data-status')) === 'generating' && (await body.count()))
      lengths.push(((await body.textContent()) ?? '').length);
    if (Date.now() > deadline) throw new Error('the follow-up email was not ready within 60 s');
    await page.waitForTimeout(100);
  }
  expect(
    lengths.some((length, i) => i > 0 && length > lengths[i - 1]!),
    String(lengths),
  ).toBe(true);
  const text = (await page.getByTestId('document-body-follow_up_email').textContent()) ?? '';
  expect(text).toContain(`Dear ${company} hiring team,`);
  expect(text).toContain('Subject: Following up on my application for');
  expect(text).toMatch(/which I submitted on .+ \(four weeks ago\)/);
  await expect(email.getByTestId('copy-email').isVisible()).resolves.toBe(true);
  // Outside the phases: none of them was generated for it.
  await expect(
    page.getByTestId('document-research_report').getAttribute('data-status'),
  ).resolves.toBe('idle');
}

describe.skipIf(!hasChromium)('a quiet application in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'pursuit-follow-up-e2e-'));
    // 40 words a second: a short email is still seen being written.
    pursuit = await startPursuit({ DATA_DIR: dataDir, BUILTIN_WORDS_PER_SECOND: '40' });
    sql = ownerSql(dataDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await pursuit?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'desktop: "No reply in 30 days", Draft follow-up writes the email, Mark ghosted moves the card',
    { timeout: 180_000 },
    async () => {
      const ctx = await context(1400, 900);
      const page = await ctx.newPage();
      await signUp(page, 'Quiet Desktop');
      const id = await addApplied(page, 'Initech', 'Platform Engineer');
      const recent = await addApplied(page, 'Hooli', 'Site Reliability Engineer');
      await appliedDaysAgo(id, 30);
      await appliedDaysAgo(recent, 5);
      await visit(page, '/');

      const card = cardOf(page, id);
      await expect(card.getByTestId('ghost-nudge').textContent()).resolves.toContain(
        'No reply in 30 days',
      );
      // Five days is not quiet (the default is 21): that card has no nudge.
      await expect(cardOf(page, recent).getByTestId('ghost-nudge').count()).resolves.toBe(0);
      // Reached from the keyboard: Tab from the card's link lands on its first action.
      await card.locator('h3 a').focus();
      await page.keyboard.press('Tab');
      await expect(
        page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      ).resolves.toBe('ghost-draft');

      await draftFollowUp(page, id, 'Initech');

      await visit(page, '/');
      await expect(page.getByTestId('count-ghosted').textContent()).resolves.toBe('0');
      await cardOf(page, id).getByTestId('ghost-mark').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-ghosted"]')?.textContent === '1',
        undefined,
        { timeout: 15_000 },
      );
      await expect(page.getByTestId('count-applied').textContent()).resolves.toBe('1');
      const [row] = (await sql`select stage from applications where id = ${id}`) as {
        stage: string;
      }[];
      expect(row!.stage).toBe('ghosted');
      await ctx.close();
    },
  );

  it(
    '390 px: the nudge fits its card; Set follow-up date holds it back; Draft and Mark ghosted work',
    { timeout: 180_000 },
    async () => {
      const ctx = await context(390, 844);
      const page = await ctx.newPage();
      await signUp(page, 'Quiet Phone');
      const id = await addApplied(page, 'Umbrella Corporation', 'Staff Platform Engineer');
      const later = await addApplied(page, 'Vandelay Industries', 'Backend Engineer');
      await appliedDaysAgo(id, 30);
      await appliedDaysAgo(later, 30);
      await visit(page, '/');
      await page.getByTestId('stage-tab-applied').click();

      const card = cardOf(page, id);
      const nudge = card.getByTestId('ghost-nudge');
      await nudge.waitFor();
      await expect(nudge.textContent()).resolves.toContain('No reply in 30 days');
      const cardBox = (await card.boundingBox())!;
      const nudgeBox = (await nudge.boundingBox())!;
      expect(cardBox.x).toBeGreaterThanOrEqual(0);
      expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(390);
      expect(nudgeBox.x + nudgeBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
      // Compact: the three actions take at most two short rows.
      expect(nudgeBox.height).toBeLessThan(110);
      for (const action of ['ghost-draft', 'ghost-set-date', 'ghost-mark']) {
        const box = (await card.getByTestId(action).boundingBox())!;
        expect(box.x + box.width, action).toBeLessThanOrEqual(cardBox.x + cardBox.width);
      }
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth),
      ).resolves.toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${SHOTS}follow-up-390.png`, fullPage: false });
      await card.screenshot({ path: `${SHOTS}follow-up-390-card.png` });

      // A follow-up date still ahead: the nudge waits for it.
      const other = cardOf(page, later);
      await other.getByTestId('ghost-set-date').click();
      const input = other.getByTestId('ghost-date');
      await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      const ahead = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await input.fill(ahead);
      await page.screenshot({ path: `${SHOTS}follow-up-390-date.png`, fullPage: false });
      await other.getByRole('button', { name: 'Save' }).click();
      await other.getByTestId('ghost-nudge').waitFor({ state: 'detached', timeout: 15_000 });
      const [saved] = (await sql`select follow_up_on::text as day from applications
        where id = ${later}`) as { day: string }[];
      expect(saved!.day).toBe(ahead);

      await draftFollowUp(page, id, 'Umbrella Corporation');
      await page.screenshot({ path: `${SHOTS}follow-up-390-email.png`, fullPage: false });

      await visit(page, '/');
      await page.getByTestId('stage-tab-applied').click();
      await cardOf(page, id).getByTestId('ghost-mark').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-ghosted"]')?.textContent === '1',
        undefined,
        { timeout: 15_000 },
      );
      await ctx.close();
    },
  );
});
