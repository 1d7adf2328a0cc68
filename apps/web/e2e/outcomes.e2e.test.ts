// Outcomes in a real browser (issue 13): a move to Rejected asks why and the
// history keeps it, adding a second application at the same company shows
// the first, a base résumé marked as sent stays on the page (and reaches
// another tab live), and a backdated applied date moves the history. At
// desktop width and at 390 px, one server for the file.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchBrowser, live, signUp, startPursuit, type Pursuit } from './harness';

let pursuit: Pursuit;
let browser: Browser;
let BASE = '';
const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION =
  'We are looking for an engineer to build delightful products with a small, friendly team.';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

function context(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
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

async function openCard(page: Page, role: string) {
  const id = await page.locator('[data-card-id]', { hasText: role }).getAttribute('data-card-id');
  await page.goto(`/applications/${id}`);
  await live(page);
  return id!;
}

/** A base résumé, made through the API as the resumes page would. */
async function createResume(page: Page, name: string) {
  const status = await page.evaluate(async (resumeName) => {
    const response = await fetch('/trpc/resume.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        json: {
          name: resumeName,
          content: `# Jane Doe\n\nSenior engineer.\n\n## Experience\n\n- **Acme** — built the *board* that everyone uses, ten years of TypeScript.\n`,
        },
      }),
    });
    return response.status;
  }, name);
  expect(status).toBe(200);
}

describe.skipIf(!hasChromium)('outcomes in a browser', () => {
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

  it('desktop: a drag to Rejected asks why, the history keeps it, and the company is remembered', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signUp(page, 'Outcomes Desk');
    await quickAdd(page, 'Acme', 'Staff Engineer');

    // Ghosted is a column of its own, collapsed like the other closed stages.
    await page.getByTestId('column-ghosted').waitFor();
    expect(await page.getByTestId('column-ghosted').getAttribute('class')).toContain('collapsed');

    await dragCard(page, 'Staff Engineer', 'rejected');
    const dialog = page.getByTestId('rejection-dialog');
    await dialog.waitFor({ state: 'visible' });
    // The suggestions are offered; one is picked and saved.
    await dialog.getByRole('button', { name: 'Position filled' }).click();
    expect(await page.getByTestId('rejection-reason').inputValue()).toBe('Position filled');
    await page.getByTestId('rejection-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="count-rejected"]')?.textContent === '1',
    );
    await page.waitForFunction(() => !document.querySelector('[data-card-id].saving'));

    // A second application at the same company, typed differently: the notice shows before saving.
    await page.getByTestId('quick-company').fill('ACME, Inc.');
    const notice = page.getByTestId('quick-add').getByTestId('company-history');
    await notice.waitFor({ timeout: 5000 });
    expect(await notice.textContent()).toMatch(/You applied here in \w+ \d{4}/);
    expect(await notice.textContent()).toContain('Staff Engineer');
    await page.getByTestId('quick-role').fill('Principal Engineer');
    await page.getByTestId('quick-description').fill(DESCRIPTION);
    await page.getByTestId('quick-submit').click();
    await page.locator('[data-card-id]', { hasText: 'Principal Engineer' }).waitFor();

    // The full form says the same, on leaving the field at the latest.
    await page.goto('/applications/new');
    await live(page);
    await page.getByTestId('form-company').fill('acme');
    await page.keyboard.press('Tab');
    const formNotice = page.getByTestId('application-form').getByTestId('company-history');
    await formNotice.waitFor({ timeout: 5000 });
    expect(await formNotice.getByTestId('company-history-link').count()).toBe(2);
    await page.goto('/');
    await live(page);

    // The rejected application's page: the reason in the details and the history.
    await page.getByRole('button', { name: 'Show Rejected' }).click();
    const rejectedId = await openCard(page, 'Staff Engineer');
    expect(await page.getByTestId('field-rejection-reason').textContent()).toContain(
      'Position filled',
    );
    expect(await page.getByTestId('history').textContent()).toMatch(/Rejected\s+— Position filled/);
    // The other application at Acme is named in the header.
    const other = page.getByTestId('company-history');
    await other.waitFor();
    expect(await other.textContent()).toContain('Principal Engineer');

    // Mark a base résumé as sent; a second tab on the same page sees it live.
    await createResume(page, 'General résumé');
    await page.reload();
    await live(page);
    const second = await ctx.newPage();
    await second.goto(`/applications/${rejectedId}`);
    await live(second);
    await page.getByTestId('sent-choice').selectOption({ label: 'General résumé' });
    await page.getByTestId('mark-sent').click();
    await page.getByTestId('sent-resume').getByTestId('sent-label').waitFor();
    expect(await page.getByTestId('sent-resume').textContent()).toContain('General résumé');
    await second.getByTestId('sent-resume').getByTestId('sent-label').waitFor({ timeout: 5000 });
    // The frozen text opens as formatted Markdown.
    await page.getByTestId('sent-resume').getByText('The text as sent').click();
    const frozen = page.getByTestId('sent-resume').locator('.prose');
    await frozen.locator('strong', { hasText: 'Acme' }).waitFor();
    // The same page at 390 px: the notice, the reason and what was sent, all readable.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}outcomes-rejected-390.png`, fullPage: true });
    await ctx.close();
  });

  it('390 px: the menu moves a card to Rejected (Escape skips the reason), a backdated applied date moves the history', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await signUp(page, 'Outcomes Phone');
    await quickAdd(page, 'Globex', 'Data Engineer');
    await quickAdd(page, 'Initech', 'Platform Engineer');
    await page.getByRole('button', { name: 'Close' }).click();

    const card = page.locator('[data-card-id]', { hasText: 'Data Engineer' });
    await card.getByTestId('card-menu').click();
    await card.getByTestId('move-to-rejected').click();
    await page.getByTestId('rejection-dialog').waitFor({ state: 'visible' });
    await page.screenshot({ path: `${SHOTS}outcomes-reason-phone.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('rejection-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('stage-tab-rejected').waitFor();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="stage-tab-rejected"]')
          ?.getAttribute('aria-selected') === 'true',
    );
    await page.locator('[data-testid="column-rejected"] [data-card-id]').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-card-id].saving'));

    // The skipped reason left none; the move is in the history.
    await page.locator('[data-card-id] a', { hasText: 'Data Engineer' }).tap();
    await page.waitForURL(/\/applications\//);
    await live(page);
    expect(await page.getByTestId('history').textContent()).toContain('Rejected');
    expect(await page.getByTestId('history-reason').count()).toBe(0);

    // Another one: applied, then backdated; the stage select is on the page.
    await page.goto('/');
    await live(page);
    await page.getByTestId('stage-tab-interested').click();
    await page.locator('[data-card-id] a', { hasText: 'Platform Engineer' }).tap();
    await page.waitForURL(/\/applications\//);
    await live(page);
    await page.getByTestId('stage-select').selectOption('applied');
    await page.getByTestId('applied-on').waitFor();

    const field = page.getByTestId('field-applied');
    await field.getByRole('button', { name: 'Edit Applied on' }).click();
    // A day ahead is refused with the API's words.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await field.locator('input').fill(tomorrow);
    await field.getByRole('button', { name: 'Save' }).click();
    await field.getByText('The applied date cannot be in the future.').waitFor();
    await field.locator('input').fill('2026-11-03');
    await field.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('applied-on').getByText('Applied 3 Nov 2026').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="history"]')?.textContent?.includes('Nov 3, 2026'),
    );
    expect(await page.getByTestId('history').textContent()).toMatch(
      /Moved from\s+Interested\s+to\s+Applied[\s\S]*Nov 3, 2026/,
    );

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}outcomes-application-phone.png`, fullPage: true });
    await ctx.close();
  });

  it('390 px: applications from JSON, with a ghosted one, a past applied date and a reason', async () => {
    const ctx = await context(PHONE);
    const page = await ctx.newPage();
    await signUp(page, 'Outcomes Json');
    await page.goto('/data');
    await live(page);
    const file = [
      { companyName: 'Hooli', roleTitle: 'SRE', stage: 'ghosted', appliedAt: '2026-09-01' },
      {
        companyName: 'Pied Piper',
        roleTitle: 'Backend',
        stage: 'rejected',
        appliedAt: '2026-08-15',
        rejectionReason: 'Role cancelled',
      },
    ];
    await page.getByTestId('json-file').setInputFiles({
      name: 'applications.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const summary = page.getByTestId('json-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('2 to import');
    const table = page.getByTestId('json-import').locator('table');
    expect(await table.textContent()).toContain('Ghosted');
    expect(await table.textContent()).toContain('Role cancelled');
    await page.screenshot({ path: `${SHOTS}outcomes-json-import-390.png`, fullPage: true });
    await page.getByTestId('import-json').click();
    await page.getByTestId('json-done').waitFor();
    expect(await page.getByTestId('json-done').textContent()).toContain('Imported 2 applications');
    // Not-JSON is refused before anything is sent, saying so.
    await page.getByTestId('json-file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ nope'),
    });
    await page.getByText('is not valid JSON').waitFor();
    await page.goto('/');
    await live(page);
    expect(await page.getByTestId('stage-tab-ghosted').textContent()).toContain('1');
    await ctx.close();
  });
});
