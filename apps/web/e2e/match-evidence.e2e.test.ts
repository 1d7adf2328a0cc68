// The match, explained, on a phone (issue 11): a person who imported a real
// JSON Resume (the jsonresume project's senior-engineer example) and pasted a
// one-paragraph job description analyses the match from the résumé step and
// sees each requirement grouped required / preferred with where their profile
// shows it, and how the score is made, all readable at 375 px.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  signIn,
  signUp,
  startPursuit,
  visit,
  type Pursuit,
} from './harness';

let pursuit: Pursuit;
let browser: Browser;
const SHOTS = new URL('../test-results/', import.meta.url).pathname;
// The examples ship with @jsonresume/schema, a dependency of packages/api.
const requireFromApi = createRequire(
  new URL('../../../packages/api/package.json', import.meta.url),
);
const SENIOR_ENGINEER = join(
  dirname(requireFromApi.resolve('@jsonresume/schema')),
  'examples/senior-engineer.resume.json',
);
// The job as people paste it: one paragraph with inline cues (issue 11).
const DESCRIPTION =
  'Northwind Streaming is hiring a Staff Engineer for its data platform. You will design and ' +
  'operate the event pipeline behind every product. Requirements: 6+ years building ' +
  'distributed systems; strong experience with PostgreSQL and Kafka; experience with ' +
  'Kubernetes and Terraform. Nice to have: experience with payments or fintech, Rust.';

async function addApplication(page: Page, company: string, role: string): Promise<string> {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').tap();
  await page.getByTestId('quick-company').fill(company);
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(DESCRIPTION);
  await page.getByTestId('quick-submit').tap();
  const card = page.locator('[data-card-id]', { hasText: role });
  await card.waitFor();
  return (await card.getAttribute('data-card-id'))!;
}

describe.skipIf(!hasChromium)('the match, explained, in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it(
    'on a phone, each requirement shows where the profile shows it, and the score says how it is made',
    { timeout: 180_000 },
    async () => {
      const ctx = await browser.newContext({
        baseURL: pursuit.url,
        viewport: { width: 375, height: 812 },
        hasTouch: true,
        isMobile: true,
      });
      const page = await ctx.newPage();
      const email = await signUp(page, 'Lena Vasquez');

      await visit(page, '/data');
      await page.getByLabel('JSON Resume file').setInputFiles(SENIOR_ENGINEER);
      await page.getByTestId('import-preview').waitFor();
      await page.getByTestId('import-json-resume').tap();
      await page.getByTestId('import-done').waitFor();

      await visit(page, '/');
      const id = await addApplication(page, 'Northwind Streaming', 'Staff Engineer');
      await visit(page, `/applications/${id}`);
      // The same person on a laptop, the application open before the analysis.
      const laptop = await browser.newContext({
        baseURL: pursuit.url,
        viewport: { width: 1400, height: 900 },
      });
      const other = await laptop.newPage();
      await signIn(other, email);
      await visit(other, `/applications/${id}`);
      expect(await other.getByTestId('match-score').count()).toBe(0);

      // No analysis yet: the résumé step offers one, under "Where your profile shows it".
      const evidence = page.getByTestId('evidence-optimized_resume');
      const toggle = page.getByTestId('evidence-toggle-optimized_resume');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.tap();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await page.getByTestId('evidence-analyze-optimized_resume').tap();

      // The résumé step lists what the profile shows, with where.
      const shown = evidence.getByTestId('match-item');
      await shown.first().waitFor({ timeout: 30_000 });
      expect(await evidence.locator('[data-testid="match-item"][data-shown="false"]').count()).toBe(
        0,
      );
      const shownText = (await evidence.textContent()) ?? '';
      expect(shownText).toContain('Where your profile shows it');
      expect(shownText).toMatch(/skills/i);

      // The section folds from the keyboard too.
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await evidence.getByTestId('match-item').count()).toBe(0);
      await page.keyboard.press('Enter');
      await shown.first().waitFor();

      // The match panel: the score, how it is made, and the requirements by kind.
      const panel = page.getByTestId('match-panel');
      await panel.getByTestId('match-score').waitFor();
      const explanation = panel.getByTestId('score-explanation');
      expect(
        await explanation.getByRole('heading', { name: 'How this score is made' }).count(),
      ).toBe(1);
      const parts = explanation.getByTestId('score-part');
      expect(await parts.count()).toBeGreaterThanOrEqual(2);
      expect(await parts.first().textContent()).toMatch(/Required.*\d+ of \d+ points/s);

      const required = panel.getByTestId('match-group-required');
      const preferred = panel.getByTestId('match-group-preferred');
      expect(await required.getByRole('heading').textContent()).toMatch(
        /Required · \d+ of \d+ shown/,
      );
      expect(await preferred.getByRole('heading').textContent()).toMatch(
        /Preferred · \d+ of \d+ shown/,
      );
      expect(await required.getByTestId('match-item').count()).toBeGreaterThanOrEqual(3);
      // A shown item says where, in the profile's words ("skills (Infrastructure)", …);
      // an item not shown says so in words, not colour alone, and how to address it.
      const shownItem = panel.locator('[data-testid="match-item"][data-shown="true"]', {
        hasText: /skills/i,
      });
      expect(await shownItem.count()).toBeGreaterThanOrEqual(1);
      // Kafka is one of her JSON Resume skill keywords (under "Infrastructure").
      const kafka = required.locator('[data-testid="match-item"]', { hasText: 'Kafka' });
      expect(await kafka.getAttribute('data-shown')).toBe('true');
      expect(await kafka.getByTestId('match-evidence').textContent()).toContain(
        'skills (Infrastructure)',
      );
      const first = shownItem.first();
      expect(await first.textContent()).toContain('Shown');
      expect(await first.getByTestId('match-evidence').textContent()).toMatch(
        /^\s*Where your profile shows it:\s+.*skills/is,
      );
      const missing = panel.locator('[data-testid="match-item"][data-shown="false"]');
      for (let i = 0; i < (await missing.count()); i += 1) {
        expect(await missing.nth(i).textContent()).toContain('Not shown');
        expect(await missing.nth(i).getByTestId('match-advice').textContent()).toMatch(
          /To address it: \S/,
        );
      }

      // The sources open from the keyboard.
      const sources = first.locator('details.sources');
      if (await sources.count()) {
        await sources.locator('summary').focus();
        await page.keyboard.press('Enter');
        expect(await sources.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
      }

      // Nothing is wider than the phone; long evidence wraps.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const panelOverflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(panelOverflow).toBeLessThanOrEqual(0);

      // The laptop's panel filled in live, explanation and all.
      const otherPanel = other.getByTestId('match-panel');
      await otherPanel.getByTestId('match-group-required').waitFor({ timeout: 10_000 });
      expect(await otherPanel.getByTestId('match-item').count()).toBe(
        await panel.getByTestId('match-item').count(),
      );
      expect(await otherPanel.getByTestId('score-part').count()).toBe(await parts.count());
      await laptop.close();

      await panel.screenshot({ path: `${SHOTS}match-evidence-phone.png` });
      await evidence.screenshot({ path: `${SHOTS}match-evidence-resume-phone.png` });
      await ctx.close();
    },
  );
});
