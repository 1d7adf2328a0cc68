// A phone that works offline (issue 15), in Chromium at phone width: the
// service worker installs and controls the page; without a network a reload
// shows the board from the browser's copy, marked offline with the last sync;
// a move, a note and a new application wait in the queue (shown, and kept
// across a reload), and reach a second tab live once the phone is back online.
// An offline edit of notes another tab changed meanwhile opens the conflict
// view on replay. The phone's network is cut for real (./network.ts), not only
// emulated: Chromium's emulation let a request through now and then.
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
import { phoneNetwork, type PhoneNetwork } from './network';

const DESCRIPTION = 'Keeping trains running underground; offline-first tools for the field crews.';
const LIVE_MS = 10_000;

let browser: Browser;
let pursuit: Pursuit;
let network: PhoneNetwork;

function phone(): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: pursuit.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    proxy: network.proxy,
  });
}

async function quickAdd(page: Page, company: string, role: string): Promise<string> {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').click();
  await page.getByTestId('quick-company').fill(company);
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(DESCRIPTION);
  await page.getByTestId('quick-submit').click();
  const card = page.locator('[data-card-id]', { hasText: role });
  await card.waitFor({ state: 'attached' });
  return (await card.getAttribute('data-card-id'))!;
}

/** What the browser's copy holds for the signed-in person (read from IndexedDB). */
function kept(page: Page): Promise<{ board: number; applications: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ board: number; applications: string[] }>((resolve, reject) => {
        const open = indexedDB.open('pursuit-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['boards', 'applications'], 'readonly');
          const boards = tx.objectStore('boards').getAll();
          const apps = tx.objectStore('applications').getAll();
          tx.oncomplete = () => {
            const board = (boards.result as { cards: unknown[] }[])[0]?.cards.length ?? -1;
            const applications = (apps.result as { id: string }[]).map((a) => a.id);
            db.close();
            resolve({ board, applications });
          };
        };
      }),
  );
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + LIVE_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Signs up, adds an application, opens its page (so it is kept) and the board,
 * and waits until the service worker controls the page and the copy is written.
 */
async function preparePhone(page: Page, role: string): Promise<{ email: string; id: string }> {
  const email = await signUp(page, 'Offline Olive');
  const id = await quickAdd(page, 'Tunnel Co', role);
  await page.goto(`/applications/${id}`);
  await live(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto('/');
  await live(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
  await waitFor(
    () => kept(page),
    (copy) => copy.board === 1 && copy.applications.includes(id),
  );
  return { email, id };
}

async function waiting(page: Page, text: string): Promise<void> {
  await page.getByTestId('offline-waiting').filter({ hasText: text }).waitFor();
}

describe.skipIf(!hasChromium)('a phone that works offline', () => {
  beforeAll(async () => {
    pursuit = await startPursuit();
    browser = await launchBrowser();
    network = await phoneNetwork();
  });
  afterAll(async () => {
    await browser?.close();
    await network?.close();
    await pursuit?.close();
  });

  it('offline: the board opens from the copy, a move and a note wait across a reload, and reach another tab once online', async () => {
    const phoneCtx = await phone();
    const page = await phoneCtx.newPage();
    const role = 'Signal Engineer';
    const { email, id } = await preparePhone(page, role);
    expect(network.tunnelled).toBeGreaterThan(0);

    await network.goOffline(phoneCtx);
    await page.reload();
    await page.getByTestId('offline-shell').waitFor();
    // The marker says when the copy came from the server (once the copy is read).
    await page
      .getByTestId('offline-status')
      .filter({ hasText: /Offline — last synced \d{1,2}:\d{2}/ })
      .waitFor();
    const card = page.locator('[data-card-id]', { hasText: role });
    await card.waitFor();

    // Move it with the card's menu, as a phone does.
    await card.getByTestId('card-menu').click();
    await page.getByTestId('move-to-applied').click();
    await page.locator('[data-card-id][data-stage="applied"]', { hasText: role }).waitFor();
    await waiting(page, '1 change waiting');

    // The application page opens from the copy too; a note joins the queue.
    await page.goto(`/applications/${id}`);
    await page.getByTestId('offline-shell').waitFor();
    await page.getByTestId('notes-edit').click();
    await page.getByTestId('notes-input').fill('Asked about night shifts. Written in a tunnel.');
    await page.getByTestId('notes-save').click();
    await page.getByTestId('notes-text').filter({ hasText: 'Written in a tunnel' }).waitFor();
    await waiting(page, '2 changes waiting');

    // Still offline: a reload keeps the queue and shows what it holds.
    await page.reload();
    await page.getByTestId('offline-shell').waitFor();
    await waiting(page, '2 changes waiting');
    await page.getByTestId('notes-text').filter({ hasText: 'Written in a tunnel' }).waitFor();

    // A new application made offline with the full form, then moved on the
    // board before it exists on the server: its id is mapped on replay.
    await page.goto('/applications/new');
    await page.getByTestId('application-form').waitFor();
    await page.getByLabel('Company').fill('Underground Ltd');
    await page.getByLabel('Role', { exact: true }).fill('Night Dispatcher');
    await page.getByLabel('Job description').fill(DESCRIPTION);
    await page.getByTestId('save-application').click();
    await page.waitForURL((url) => url.pathname === '/');
    const draft = page.locator('[data-card-id]', { hasText: 'Night Dispatcher' });
    await draft.waitFor();
    await waiting(page, '3 changes waiting');
    await draft.getByTestId('card-menu').click();
    await page.getByTestId('move-to-applied').click();
    await waiting(page, '4 changes waiting');

    await page.goto('/');
    // A phone shows one column: the moved card is on the page, in Applied.
    await page
      .locator('[data-card-id][data-stage="applied"]', { hasText: role })
      .waitFor({ state: 'attached' });

    // Another tab, signed in as the same person, online all along.
    const otherCtx = await browser.newContext({ baseURL: pursuit.url });
    const other = await otherCtx.newPage();
    await signIn(other, email);
    await other.locator('[data-card-id][data-stage="interested"]', { hasText: role }).waitFor();

    await network.goOnline(phoneCtx);
    await other
      .locator('[data-card-id][data-stage="applied"]', { hasText: role })
      .waitFor({ timeout: LIVE_MS });
    await other
      .locator('[data-card-id][data-stage="applied"]', { hasText: 'Night Dispatcher' })
      .waitFor({ timeout: LIVE_MS });
    expect(await other.locator('[data-card-id]', { hasText: 'Night Dispatcher' }).count()).toBe(1);
    // The phone went back to the live page, with nothing left waiting.
    await live(page);
    expect(await page.getByTestId('offline-waiting').count()).toBe(0);
    await other.goto(`/applications/${id}`);
    await other.getByTestId('notes-text').filter({ hasText: 'Written in a tunnel' }).waitFor();

    await otherCtx.close();
    await phoneCtx.close();
  });

  it('an offline note that met a note saved elsewhere opens the conflict view on replay, nothing overwritten', async () => {
    const phoneCtx = await phone();
    const page = await phoneCtx.newPage();
    const role = 'Track Planner';
    const { email, id } = await preparePhone(page, role);
    await page.goto(`/applications/${id}`);
    await live(page);

    await network.goOffline(phoneCtx);
    await page.reload();
    await page.getByTestId('offline-shell').waitFor();
    await page.getByTestId('notes-edit').click();
    await page.getByTestId('notes-input').fill('Mine: offline on the platform.');
    await page.getByTestId('notes-save').click();
    await waiting(page, '1 change waiting');

    // Meanwhile, online, another tab saves different notes.
    const otherCtx = await browser.newContext({ baseURL: pursuit.url });
    const other = await otherCtx.newPage();
    await signIn(other, email);
    await other.goto(`/applications/${id}`);
    await live(other);
    await other.getByTestId('notes-edit').click();
    await other.getByTestId('notes-input').fill('Theirs: from the office.');
    await other.getByTestId('notes-save').click();
    await other.getByTestId('notes-text').filter({ hasText: 'Theirs' }).waitFor();

    await network.goOnline(phoneCtx);
    const conflict = page.getByTestId('notes-conflict');
    await conflict.waitFor({ timeout: LIVE_MS });
    expect(await page.getByTestId('conflict-mine').textContent()).toContain('Mine: offline');
    expect(await page.getByTestId('conflict-theirs').textContent()).toContain('Theirs: from');
    // Nothing was overwritten: the server still has the other tab's notes.
    await other.reload();
    await other.getByTestId('notes-text').filter({ hasText: 'Theirs: from the office.' }).waitFor();

    expect(await page.getByText("Couldn't apply").count()).toBe(0);
    // The choice waits across a reload (kept in the browser) until it is made.
    await page.reload();
    await live(page);
    await page.getByTestId('notes-conflict').waitFor();

    // Keeping mine saves it on their version and settles the conflict.
    await page.getByTestId('keep-mine').click();
    await page.getByTestId('notes-text').filter({ hasText: 'Mine: offline' }).waitFor();
    await other
      .getByTestId('notes-text')
      .filter({ hasText: 'Mine: offline' })
      .waitFor({ timeout: LIVE_MS });
    expect(await page.getByTestId('offline-conflict').count()).toBe(0);

    await otherCtx.close();
    await phoneCtx.close();
  });

  it('is installable, and signing out leaves nothing of the person for the next one offline', async () => {
    const phoneCtx = await phone();
    const page = await phoneCtx.newPage();
    await preparePhone(page, 'Station Manager');

    const manifest = await page.request.get('/manifest.webmanifest');
    expect(manifest.headers()['content-type']).toContain('application/manifest+json');
    const app = (await manifest.json()) as {
      display: string;
      start_url: string;
      icons: { src: string; purpose: string }[];
    };
    expect(app).toMatchObject({ display: 'standalone', start_url: '/' });
    expect(app.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of app.icons) expect((await page.request.get(icon.src)).ok()).toBe(true);
    // The worker's script: JavaScript, revalidated, and allowed to fetch the app's files.
    const worker = await page.request.get('/service-worker.js');
    expect(worker.headers()['content-type']).toContain('javascript');
    expect(worker.headers()['cache-control']).toBe('no-cache');
    expect(worker.headers()['content-security-policy']).toContain("connect-src 'self'");

    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await kept(page)).toEqual({ board: -1, applications: [] });

    await network.goOffline(phoneCtx);
    await page.goto('/');
    await page.getByTestId('offline-shell').waitFor();
    await page.getByText('Sign in while connected once').waitFor();
    expect(await page.locator('[data-card-id]').count()).toBe(0);
    await phoneCtx.close();
  });
});
