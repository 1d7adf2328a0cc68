// The profile, resumes and portable data in a real browser: autosave that
// shows up live on another device, JSON Resume import with its preview and
// export as a download, a resume whose Markdown preview is sanitised, CSV
// import, and deleting the account.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
let browser: Browser;
const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const RICH = new URL('../../../packages/api/test/fixtures/json-resume/rich.json', import.meta.url)
  .pathname;

async function context(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE, viewport: { width: 1400, height: 900 }, ...options });
}

/** Polls until `read` returns `expected` (or fails with the last value after `timeout`). */
async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe.skipIf(!hasChromium)('Profile, resumes and data in a browser', () => {
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

  it('a headline typed on one device appears on the other; a JSON Resume goes in and comes back out', async () => {
    const a = await context();
    const pageA = await a.newPage();
    const email = await signUp(pageA, 'Grace');
    const b = await context();
    const pageB = await b.newPage();
    await signIn(pageB, email);
    await visit(pageB, '/profile');
    await visit(pageA, '/profile');
    expect(await pageA.getByTestId('profile-start').isVisible()).toBe(true);

    await pageA.getByLabel('Headline').fill('Compiler engineer');
    await pageA.waitForSelector('[data-testid="save-status"][data-status="saved"]');
    await eventually(() => pageB.getByLabel('Headline').inputValue(), 'Compiler engineer');
    // Saved for real: a reload shows it too.
    await pageA.reload();
    expect(await pageA.getByLabel('Headline').inputValue()).toBe('Compiler engineer');

    await visit(pageA, '/data');
    await pageA.getByLabel('JSON Resume file').setInputFiles(RICH);
    const preview = pageA.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('3 added');
    await pageA.getByTestId('import-json-resume').click();
    await pageA.getByTestId('import-done').waitFor();

    // The other device's open profile fills in live.
    await pageB
      .getByTestId('experience-item')
      .filter({ hasText: 'Remington Rand' })
      .waitFor({ timeout: 5000 });
    await visit(pageA, '/profile');
    const jobs = pageA.getByTestId('experience-item');
    expect(await jobs.count()).toBe(3);
    expect(await jobs.first().textContent()).toContain('Director of Automatic Programming');
    expect(await pageA.getByLabel('First name').inputValue()).toBe('Grace');

    await visit(pageA, '/data');
    const [download] = await Promise.all([
      pageA.waitForEvent('download'),
      pageA.getByTestId('export-json-resume').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^resume-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      basics: { name: string };
      work: unknown[];
    };
    expect(exported.basics.name).toBe('Grace Brewster Hopper');
    expect(exported.work).toHaveLength(3);
    await Promise.all([a.close(), b.close()]);
  });

  it('on a phone, a project added, edited, moved and deleted in one tab follows in the other; education keeps its courses', async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const a = await context(phone);
    const pageA = await a.newPage();
    const email = await signUp(pageA, 'Builder');
    const b = await context(phone);
    const pageB = await b.newPage();
    await signIn(pageB, email);
    await visit(pageB, '/profile');
    await visit(pageA, '/profile');

    const addProject = async (name: string, keywords: string) => {
      await pageA.getByTestId('add-projects').click();
      const form = pageA.getByTestId('new-projects');
      await form.getByLabel(/^Project/).fill(name);
      await form.getByLabel('Keywords', { exact: true }).fill(keywords);
      await form.getByLabel('Highlights').fill('Used in two courses\nFault injection');
      await form.getByTestId('entry-add').click();
      await pageA.getByTestId('projects-item').filter({ hasText: name }).waitFor();
    };
    await addProject('raft-lab', 'Go, Raft');
    await addProject('gradient-viz', 'WebGL');
    const namesOn = (page: Page) =>
      page.getByTestId('projects-item').getByTestId('project-name').allTextContents();
    await eventually(async () => (await namesOn(pageB)).join(' | '), 'raft-lab | gradient-viz');
    const raft = pageB.getByTestId('projects-item').filter({ hasText: 'raft-lab' });
    expect(await raft.locator('.badge').allTextContents()).toEqual(['Go', 'Raft']);

    // Nothing of the section runs off a phone's screen.
    const overflow = await pageA.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await pageA.getByRole('button', { name: 'Move gradient-viz up' }).click();
    await eventually(async () => (await namesOn(pageB)).join(' | '), 'gradient-viz | raft-lab');

    await pageA.getByRole('button', { name: 'Edit raft-lab' }).click();
    await pageA.getByTestId('edit-projects').getByLabel('Your roles').fill('Author, Maintainer');
    await pageA.waitForSelector('[data-testid="entry-save-status"][data-status="saved"]');
    await pageA.getByTestId('entry-done').click();
    await raft.getByText('Author, Maintainer').waitFor({ timeout: 5000 });

    await pageA.getByRole('button', { name: 'Delete gradient-viz' }).click();
    await pageA.getByTestId('confirm-delete-entry').click();
    await eventually(async () => (await namesOn(pageB)).join(' | '), 'raft-lab');

    await pageA.getByTestId('add-education').click();
    const school = pageA.getByTestId('new-education');
    await school.getByLabel('School or university').fill('MIT');
    await school.getByLabel('Courses', { exact: true }).fill('Distributed Systems\nCompilers');
    await school.getByTestId('entry-add').click();
    await pageB
      .getByTestId('education-item')
      .filter({ hasText: 'Distributed Systems · Compilers' })
      .waitFor({ timeout: 5000 });
    await pageA
      .getByTestId('section-projects')
      .screenshot({ path: join(SHOTS, 'profile-projects-phone.png') });
    await Promise.all([a.close(), b.close()]);
  });

  it('a file that is not a JSON Resume is refused with the path of each problem', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signUp(page, 'Invalid File');
    const file = join(tmpdir(), `bad-resume-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify({ basics: { email: 'nope' }, work: [{ startDate: 'May' }] }),
    );
    await visit(page, '/data');
    await page.getByLabel('JSON Resume file').setInputFiles(file);
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    const text = (await issues.textContent()) ?? '';
    expect(text).toContain('basics.email');
    expect(text).toContain('work[0].startDate');
    expect(await page.getByTestId('import-json-resume').count()).toBe(0);
    await ctx.close();
  });

  it('a resume is written in Markdown with a sanitised live preview', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signUp(page, 'Writer');
    await visit(page, '/resumes');
    await page.getByTestId('resumes-empty').waitFor();
    await page.getByTestId('new-resume').click();
    await page.waitForURL(/\/resumes\/new$/);
    await page.getByTestId('resume-name').fill('General');
    const markdown = [
      '# Ada Lovelace',
      '',
      '## Experience',
      '',
      '- Wrote the first published program for the Analytical Engine',
      '',
      '<script>window.__pwned = true</script> <img src=x onerror="window.__pwned = true">',
      '',
      '[click me](javascript:window.__pwned=true)',
    ].join('\n');
    await page.getByTestId('resume-content-input').fill(markdown);
    const preview = page.getByTestId('resume-content-preview');
    await preview.locator('h1', { hasText: 'Ada Lovelace' }).waitFor();
    expect(await preview.locator('script, img, a').count()).toBe(0);
    await page.getByTestId('create-resume').click();
    await page.waitForURL(/\/resumes\/[0-9a-f-]{36}$/);
    await live(page);
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();

    // The first resume is the primary one; a duplicate is not.
    await visit(page, '/resumes');
    await page.getByRole('button', { name: 'Duplicate General' }).click();
    await page.waitForURL(/\/resumes\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('resume-name').inputValue()).toBe('General (copy)');
    await visit(page, '/resumes');
    expect(await page.getByTestId('resume-item').count()).toBe(2);
    expect(await page.getByTestId('make-primary').count()).toBe(1);
    await ctx.close();
  });

  it('applications come in from a CSV file: bad rows are listed, duplicates skipped and counted', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signUp(page, 'Spreadsheet');
    const bad = join(tmpdir(), `apps-bad-${Date.now()}.csv`);
    writeFileSync(bad, 'Company,Title,Status\nAcme,Engineer,Applied\n,Designer,Applied\n');
    await visit(page, '/data');
    await page.getByLabel('Spreadsheet (CSV)').setInputFiles(bad);
    await page.getByTestId('csv-row-errors').waitFor();
    expect(await page.getByTestId('csv-row-errors').textContent()).toContain('Row 3');
    expect(await page.getByTestId('import-csv').isDisabled()).toBe(true);

    const good = join(tmpdir(), `apps-good-${Date.now()}.csv`);
    writeFileSync(
      good,
      'Company,Title,Status,Job URL\nAcme,Engineer,Applied,https://acme.test/1\nGlobex,Lead,Interview,https://acme.test/1\n',
    );
    await page.getByLabel('Spreadsheet (CSV)').setInputFiles(good);
    await page.getByTestId('csv-summary').waitFor();
    expect(await page.getByTestId('csv-summary').textContent()).toContain('1 duplicate skipped');
    await page.getByTestId('import-csv').click();
    await page.getByTestId('csv-done').waitFor();
    expect(await page.getByTestId('csv-done').textContent()).toContain('Imported 1 application');
    await ctx.close();
  });

  it('deleting the account asks for the password and signs out', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const email = await signUp(page, 'Leaver');
    await visit(page, '/account');
    await page.getByTestId('delete-account').click();
    const dialog = page.getByTestId('delete-account-dialog');
    await page.getByLabel('Your password').fill('not my password');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByText('Your password is incorrect.').waitFor();
    await page.getByLabel('Your password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(/\/login\?reason=account-deleted/);

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(page.url()).toContain('/login');
    await ctx.close();
  });
});
