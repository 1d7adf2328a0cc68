// The Today panel in a real browser (issue 13): a follow-up due today, an
// interview tomorrow and an application applied long ago with no reply show
// at the top of the board, at desktop and at 390 px; moving the quiet card to
// Interviewing takes it off both screens live; the panel folds and remembers;
// the notification centre lists the same under "Due"; Settings makes a
// calendar URL that serves a calendar. One server for the file.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  live,
  signIn,
  signUp,
  startPursuit,
  type Pursuit,
} from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION = 'A platform team building the tools every engineer here uses each day.';
const LIVE_MS = 5_000;

// The server's embedded Postgres, reached as a superuser to backdate applied_at
// (the data directory is ours, so its secrets and port are known).
type Sql = ((strings: TemplateStringsArray, ...values: unknown[]) => Promise<unknown[]>) & {
  end(): Promise<void>;
};
const postgres = createRequire(new URL('../../../packages/db/package.json', import.meta.url))(
  'postgres',
) as (url: string, options?: object) => Sql;

let browser: Browser;
let pursuit: Pursuit;
let dataDir: string;
let sql: Sql;

function connect(): Sql {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
    superuser: string;
  };
  const port = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return postgres(`postgres://postgres:${secrets.superuser}@127.0.0.1:${port}/pursuit`, {
    max: 1,
    onnotice: () => {},
  });
}

/** A tRPC mutation from the page, as its own scripts would send it (cookie, same origin). */
async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: input }),
      });
      const body = (await response.json()) as { result?: { data: { json: unknown } } };
      if (!response.ok || !body.result) throw new Error(`${path}: ${JSON.stringify(body)}`);
      return body.result.data.json;
    },
    { path, input },
  ) as Promise<T>;
}

async function context(width: 'desktop' | 'phone'): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: pursuit.url,
    ...(width === 'phone'
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1400, height: 900 } }),
  });
}

const items = (page: Page) => page.getByTestId('today-panel').getByTestId('today-item');

async function kinds(page: Page): Promise<string[]> {
  return (await items(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')!)))
    .slice()
    .sort();
}

/** Waits until the panel lists exactly `expected` kinds (sorted). */
async function expectKinds(page: Page, expected: string[]) {
  const deadline = Date.now() + LIVE_MS;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await kinds(page);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  expect(seen).toEqual(expected);
}

describe.skipIf(!hasChromium)('the Today panel', () => {
  let email = '';
  let desktop: Page;
  let phone: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'pursuit-e2e-today-'));
    pursuit = await startPursuit({ DATA_DIR: dataDir });
    sql = connect();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sql?.end();
    await pursuit?.close();
  });

  it('shows a follow-up due today, an interview tomorrow and a quiet application at desktop width', async () => {
    desktop = await (await context('desktop')).newPage();
    email = await signUp(desktop, 'Dana Today');
    await expect.poll(() => desktop.getByTestId('today-empty').isVisible()).toBe(true);
    expect(await desktop.getByTestId('today-empty').textContent()).toContain('Nothing due — nice.');

    // The server's date (UTC), as Postgres compares follow_up_on with it.
    const [{ today }] = (await sql`select current_date::text as today`) as { today: string }[];
    const create = (fields: Record<string, unknown>) =>
      mutate<{ id: string }>(desktop, 'application.create', {
        roleTitle: 'Platform Engineer',
        jobDescription: DESCRIPTION,
        ...fields,
      });
    ids.followUp = (await create({ companyName: 'Initech', followUpOn: today })).id;
    ids.interview = (await create({ companyName: 'Umbrella', stage: 'interviewing' })).id;
    await mutate(desktop, 'interview.create', {
      applicationId: ids.interview,
      scheduledAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
      kind: 'technical',
    });
    ids.quiet = (await create({ companyName: 'Vandelay', stage: 'applied' })).id;
    await sql`update applications set applied_at = now() - interval '40 days' where id = ${ids.quiet}`;

    await desktop.reload();
    await live(desktop);
    await expectKinds(desktop, ['follow_up', 'interview', 'quiet']);
    const panel = desktop.getByTestId('today-panel');
    const groups = await panel
      .getByTestId('today-group')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(groups).toEqual(['Today', 'Coming up', 'Gone quiet']);
    await expect.poll(() => panel.textContent()).toContain('No reply from Vandelay in 40 days');
    expect(await panel.textContent()).toContain('Technical interview at Umbrella');
    expect(await panel.textContent()).toContain('Follow up with Initech');
    expect(
      await panel.locator(`a[href="/applications/${ids.quiet}"]`).count(),
      'each item links to its application',
    ).toBe(1);
    // Above the board.
    const panelBox = await panel.boundingBox();
    const boardBox = await desktop.getByTestId('board').boundingBox();
    expect(panelBox!.y + panelBox!.height).toBeLessThanOrEqual(boardBox!.y);
    await desktop.screenshot({ path: `${SHOTS}today-desktop.png` });
  });

  it('shows the same at 390 px without overflowing the screen', async () => {
    phone = await (await context('phone')).newPage();
    await signIn(phone, email);
    await expectKinds(phone, ['follow_up', 'interview', 'quiet']);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await phone.getByTestId('today-panel').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}today-phone.png` });
  });

  it('moving the quiet card to Interviewing takes it off the panel live, on both screens', async () => {
    const card = desktop.locator(`[data-card-id="${ids.quiet}"]`);
    await card.getByTestId('card-menu').click();
    await card.getByTestId('move-to-interviewing').click();
    await expectKinds(desktop, ['follow_up', 'interview']);
    await expectKinds(phone, ['follow_up', 'interview']);
  });

  it('folds away and stays folded after a reload', async () => {
    const toggle = phone.getByTestId('today-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await items(phone).first().isVisible()).toBe(false);
    expect(await phone.getByTestId('today-count').textContent()).toBe('2 due');
    await phone.reload();
    await live(phone);
    await expect
      .poll(() => phone.getByTestId('today-toggle').getAttribute('aria-expanded'))
      .toBe('false');
    await phone.getByTestId('today-toggle').click();
    expect(await items(phone).first().isVisible()).toBe(true);
  });

  it('lists what is due in the notification centre', async () => {
    await phone.getByTestId('notification-bell').click();
    const due = phone.getByTestId('notifications-due');
    await expect.poll(() => due.getByTestId('notifications-due-item').count()).toBe(2);
    expect(await due.textContent()).toContain('Follow up with Initech');
    await phone.screenshot({ path: `${SHOTS}today-bell-phone.png` });
    await phone.keyboard.press('Escape');
  });

  it('makes a calendar URL on Settings that a calendar can read, shown once', async () => {
    await phone.goto('/settings');
    await live(phone);
    expect(await phone.getByTestId('email-digest-unavailable').isVisible()).toBe(true);
    await phone.getByTestId('calendar-create').click();
    const url = await phone.getByTestId('calendar-url').inputValue();
    expect(url).toMatch(new RegExp(`^${pursuit.url}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetch(url);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await feed.text();
    expect(text).toContain(`UID:follow-up-${ids.followUp}@pursuit`);
    expect(text).toContain('Technical interview: Umbrella');
    await phone.screenshot({ path: `${SHOTS}today-settings-phone.png`, fullPage: true });
    await phone.reload();
    await live(phone);
    expect(await phone.getByTestId('calendar-url').count()).toBe(0);
    expect(await phone.getByTestId('calendar-status').textContent()).toContain('On');
  });
});
