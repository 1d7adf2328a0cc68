// Documents in a real browser: one tab generates research → résumé → cover
// letter, another tab of the same person watches each text grow as it is
// written, a third person sees nothing; then edit, compare, restore and
// download. The server writes at BUILTIN_WORDS_PER_SECOND=60 (the harness).
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  PASSWORD,
  signIn,
  signUp,
  startPursuit,
  type Pursuit,
} from './harness';

let pursuit: Pursuit;
let BASE = '';
let browser: Browser;
const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION = `Globex is hiring a Senior Backend Engineer for its payments platform.

Requirements:
- 5+ years of experience with Go or Python
- Strong PostgreSQL and SQL skills
- Experience with Kubernetes and Docker

Responsibilities: design APIs, mentor engineers, share the on-call rota. Remote.`;

type DocumentType = 'research_report' | 'optimized_resume' | 'cover_letter';

async function context(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE, viewport: { width: 1400, height: 900 }, ...options });
}

/** Quick-adds an application and returns its id. */
async function addApplication(page: Page, company: string, role: string): Promise<string> {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').click();
  await page.getByTestId('quick-company').fill(company);
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(DESCRIPTION);
  await page.getByTestId('quick-submit').click();
  const card = page.locator('[data-card-id]', { hasText: role });
  await card.waitFor();
  return (await card.getAttribute('data-card-id'))!;
}

async function openDetail(page: Page, id: string) {
  await page.goto(`/applications/${id}`);
  await page.getByTestId('phases').waitFor();
  await page.waitForSelector('[data-status="live"]');
}

function statusOf(page: Page, type: DocumentType) {
  return page.getByTestId(`document-${type}`).getAttribute('data-status');
}

async function waitForStatus(page: Page, type: DocumentType, status: string, timeout = 60_000) {
  await page.waitForSelector(`[data-testid="document-${type}"][data-status="${status}"]`, {
    timeout,
  });
}

/**
 * Samples the length of the text shown for `type` until it is ready, and
 * returns the lengths seen while it was being written.
 */
async function watchGrow(page: Page, type: DocumentType): Promise<number[]> {
  const lengths: number[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await statusOf(page, type);
    if (status === 'ready') return lengths;
    if (status === 'failed') throw new Error(`${type} failed in the watching tab`);
    if (status === 'generating') {
      const body = page.getByTestId(`document-body-${type}`);
      if (await body.count()) lengths.push(((await body.textContent()) ?? '').length);
    }
    if (Date.now() > deadline) throw new Error(`${type} was not ready within 60 s`);
    await page.waitForTimeout(100);
  }
}

function increases(lengths: number[]): number {
  let count = 0;
  for (let i = 1; i < lengths.length; i += 1) if (lengths[i]! > lengths[i - 1]!) count += 1;
  return count;
}

describe.skipIf(!hasChromium)('documents in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit({ BUILTIN_WORDS_PER_SECOND: '60' });
    BASE = pursuit.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it(
    'each phase streams into another tab of the same person as it is written; a third person sees nothing',
    { timeout: 240_000 },
    async () => {
      const a = await context();
      const pageA = await a.newPage();
      const email = await signUp(pageA, 'Streamer');
      const id = await addApplication(pageA, 'Globex', 'Senior Backend Engineer');
      await openDetail(pageA, id);

      const b = await context();
      const pageB = await b.newPage();
      await signIn(pageB, email);
      await openDetail(pageB, id);

      const stranger = await context();
      const pageC = await stranger.newPage();
      await signUp(pageC, 'Stranger');
      await pageC.goto(`/applications/${id}`);
      expect(await pageC.textContent('body')).toContain('does not exist');
      await pageC.goto('/');
      await pageC.waitForSelector('[data-status="live"]');

      // The same person's board, open in another tab, follows without a reload.
      const board = await b.newPage();
      await board.goto('/');
      await board.waitForSelector('[data-status="live"]');
      const card = board.locator(`[data-card-id="${id}"]`);
      await card.waitFor();
      expect(await card.locator('.phase.done').count()).toBe(0);
      expect(await card.textContent()).not.toMatch(/% match/);

      // A later phase waits for the one before, and says so.
      expect(await pageB.getByTestId('generate-optimized_resume').isDisabled()).toBe(true);
      expect(await pageB.getByTestId('blocked-optimized_resume').textContent()).toContain(
        'research report first',
      );

      for (const type of ['research_report', 'optimized_resume', 'cover_letter'] as const) {
        await pageA.getByTestId(`generate-${type}`).click();
        const lengths = await watchGrow(pageB, type);
        if (type !== 'optimized_resume') {
          // The résumé of a person with an empty profile is too short to sample growing.
          expect(
            increases(lengths),
            `${type} lengths seen: ${lengths.join(',')}`,
          ).toBeGreaterThanOrEqual(2);
        }
        await waitForStatus(pageA, type, 'ready');
        expect(await pageB.getByTestId(`document-body-${type}`).textContent()).not.toBe('');
      }
      expect(await pageB.getByTestId('document-body-research_report').textContent()).toContain(
        'Research',
      );
      expect(await pageB.getByTestId('document-body-cover_letter').textContent()).toContain(
        'Globex',
      );
      await pageB.screenshot({ path: `${SHOTS}documents-desktop.png`, fullPage: true });

      // Regenerating the cover letter streams again, and makes version 2.
      await pageA.getByTestId('generate-cover_letter').click();
      await waitForStatus(pageB, 'cover_letter', 'generating', 10_000);
      const again = await watchGrow(pageB, 'cover_letter');
      expect(increases(again), `lengths seen: ${again.join(',')}`).toBeGreaterThanOrEqual(2);
      await pageB
        .getByTestId('versions-toggle-cover_letter')
        .filter({ hasText: 'Versions (2)' })
        .waitFor({ timeout: 5000 });

      // The phase marks and the score reached the open board, live.
      await card.locator('.phase.done').nth(2).waitFor({ timeout: 5000 });
      expect(await card.textContent()).toMatch(/\d+% match/);

      // The stranger's board stayed empty, and nothing of Globex reached it.
      expect(await pageC.locator('[data-card-id]').count()).toBe(0);
      expect(await pageC.textContent('body')).not.toContain('Globex');
      await Promise.all([a.close(), b.close(), stranger.close()]);
    },
  );

  it(
    'edits make a new version; two versions compare word by word; an old one restores; downloads in three formats',
    { timeout: 120_000 },
    async () => {
      const ctx = await context({ acceptDownloads: true });
      const page = await ctx.newPage();
      await signUp(page, 'Versions');
      const id = await addApplication(page, 'Initech', 'Platform Engineer');
      await openDetail(page, id);
      await page.getByTestId('generate-research_report').click();
      await waitForStatus(page, 'research_report', 'ready');

      await page.getByTestId('edit-research_report').click();
      const editor = page.getByTestId('editor-research_report');
      const original = await editor.inputValue();
      await editor.fill(`${original.trimEnd()}\n\nAsk about the on-call rota.\n`);
      await page.getByTestId('save-edit-research_report').click();
      await editor.waitFor({ state: 'detached' });
      expect(await page.getByTestId('document-body-research_report').textContent()).toContain(
        'Ask about the on-call rota.',
      );

      await page.getByTestId('versions-toggle-research_report').click();
      const versions = page.getByTestId('versions-research_report');
      expect(await versions.getByTestId('version-row').count()).toBe(2);
      await versions.getByTestId('compare-toggle').click();
      const diff = versions.getByTestId('version-diff');
      await diff.waitFor();
      expect(await diff.locator('ins').textContent()).toContain('Ask about the on-call rota.');
      expect(await diff.locator('del').count()).toBe(0);

      await versions.locator('[data-version="1"]').getByTestId('restore-version').click();
      await versions.getByTestId('version-row').nth(2).waitFor();
      expect(await versions.getByTestId('version-row').first().getAttribute('data-version')).toBe(
        '3',
      );
      expect(await page.getByTestId('document-body-research_report').textContent()).not.toContain(
        'Ask about the on-call rota.',
      );

      for (const format of ['md', 'docx', 'html'] as const) {
        await page.getByTestId('download-menu-research_report').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(`download-${format}-research_report`).click(),
        ]);
        expect(download.suggestedFilename()).toBe(
          `initech-platform-engineer-research-report-v3.${format}`,
        );
        const file = readFileSync((await download.path())!);
        if (format === 'md') expect(file.toString('utf8').trimEnd()).toBe(original.trimEnd());
        if (format === 'docx') expect(file.subarray(0, 2).toString()).toBe('PK');
        if (format === 'html') {
          const html = file.toString('utf8');
          expect(html).toMatch(/^<!doctype html>/);
          expect(html).toContain('@media print');
          expect(html).not.toMatch(/<script/i);
        }
      }
      await ctx.close();
    },
  );

  it('works on a phone, in light and dark', { timeout: 120_000 }, async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const ctx = await context({
        viewport: { width: 375, height: 812 },
        hasTouch: true,
        isMobile: true,
        colorScheme,
      });
      const page = await ctx.newPage();
      await signUp(page, `Phone docs ${colorScheme}`);
      const id = await addApplication(page, 'Umbrella', 'QA Lead');
      await openDetail(page, id);
      await page.getByTestId('generate-research_report').tap();
      await waitForStatus(page, 'research_report', 'ready');
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => {
        const phases = document.querySelector('[data-testid="phases"]')!;
        return phases.scrollWidth - phases.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await page
        .getByTestId('phases')
        .screenshot({ path: `${SHOTS}documents-phone-${colorScheme}.png` });
      await ctx.close();
    }
  });
});
