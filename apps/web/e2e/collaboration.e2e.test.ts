// Sharing a search in a real browser, two people in two contexts (issue 12):
// the seeker invites a coach by link from the Share dialog, the coach signs up
// from it and lands on the seeker's board, watches a card move live, comments
// (the seeker's card counts it, live), the seeker sees the coach's avatar,
// and revoking clears the coach's board. At desktop and at phone width; and
// on an instance whose sign-up is closed, where only the link lets one in.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasChromium,
  launchBrowser,
  live,
  PASSWORD,
  signUp,
  startPursuit,
  type Pursuit,
} from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION = 'A platform team building the tools every engineer here uses each day.';
const LIVE_MS = 5_000;

const VIEWPORTS = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type Width = keyof typeof VIEWPORTS;

let browser: Browser;

function context(base: string, width: Width): Promise<BrowserContext> {
  const phone = width === 'phone';
  return browser.newContext({
    baseURL: base,
    viewport: VIEWPORTS[width],
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
  });
}

async function quickAdd(page: Page, company: string, role: string) {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').click();
  await page.getByTestId('quick-company').fill(company);
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(DESCRIPTION);
  await page.getByTestId('quick-submit').click();
  await page.locator('[data-card-id]', { hasText: role }).waitFor({ state: 'attached' });
}

/** The seeker makes an invitation link in the Share dialog and closes it. */
async function inviteLink(page: Page, role: 'viewer' | 'commenter' | 'editor'): Promise<string> {
  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.waitFor();
  await dialog.getByTestId('share-role').selectOption(role);
  await dialog.getByTestId('share-create-link').click();
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await dialog.getByTestId('share-pending').waitFor();
  return link;
}

/** The coach follows the link while signed out and signs up from it. */
async function signUpFromLink(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByTestId('invite-summary').waitFor();
  await page.getByTestId('invite-signup').click();
  await page.getByTestId('signup-invitation').waitFor();
  await page.getByLabel('Your name').fill(name);
  await page
    .getByLabel('Email')
    .fill(`${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/shared/'));
  await live(page);
}

describe.skipIf(!hasChromium)('sharing a search, in a browser', () => {
  let pursuit: Pursuit;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  for (const width of ['desktop', 'phone'] as const) {
    it(`${width}: a coach joins by link, watches live, comments, is seen, and is shut out on revoke`, async () => {
      const seekerCtx = await context(pursuit.url, width);
      const coachCtx = await context(pursuit.url, width);
      const seeker = await seekerCtx.newPage();
      const coach = await coachCtx.newPage();
      const role = `Platform Engineer ${width}`;

      await signUp(seeker, `Seeker ${width}`);
      await quickAdd(seeker, 'Acme', role);
      const link = await inviteLink(seeker, 'commenter');
      await seeker.screenshot({ path: `${SHOTS}collab-share-dialog-${width}.png` });
      await seeker.getByTestId('share-close').click();

      await signUpFromLink(coach, link, `Coach ${width}`);
      const coachCard = coach.locator('[data-card-id]', { hasText: role });
      await coachCard.waitFor({ state: 'attached' });
      expect(await coach.getByTestId('board-role').textContent()).toContain('Commenter');
      // A commenter gets no controls that would write on the board.
      expect(await coach.getByTestId('card-menu').count()).toBe(0);
      expect(await coach.getByTestId('quick-add-toggle').count()).toBe(0);
      expect(await coach.getByTestId('share-open').count()).toBe(0);

      // The seeker moves the card (Alt+→ works at every width); the coach sees it without reload.
      await seeker.locator('[data-card-id]', { hasText: role }).locator('.role a').focus();
      await seeker.keyboard.press('Alt+ArrowRight');
      await coach
        .locator('[data-card-id][data-stage="applied"]', { hasText: role })
        .waitFor({ state: 'attached', timeout: LIVE_MS });

      // The seeker sees who else is on the board.
      await seeker.getByTestId('presence-avatar').first().waitFor({ timeout: 10_000 });

      // The switcher shows whose search the coach is in.
      await coach.getByTestId('switcher').click();
      await coach.getByTestId('switcher-owner').first().waitFor();
      await coach.screenshot({ path: `${SHOTS}collab-switcher-${width}.png` });
      await coach.keyboard.press('Escape');

      // The coach comments on the application; the seeker's card counts it, live.
      const id = await coachCard.getAttribute('data-card-id');
      const board = new URL(coach.url()).pathname;
      await coach.goto(`/applications/${id}`);
      await live(coach);
      await coach.getByTestId('comment-input').fill('Nice — ask them about on-call.');
      await coach.getByTestId('comment-composer-submit').click();
      await coach.getByTestId('comment-body').first().waitFor();
      await seeker
        .locator('[data-card-id]', { hasText: role })
        .getByTestId('unread-comments')
        .waitFor({ state: 'attached', timeout: LIVE_MS });

      // Back on the board, the coach is shut out the moment the seeker revokes.
      await coach.goto(board);
      await live(coach);
      await coachCard.waitFor({ state: 'attached' });
      await seeker.getByTestId('share-open').click();
      await seeker.getByTestId('share-revoke').first().click();
      await coach.getByTestId('access-ended').waitFor({ timeout: LIVE_MS });
      expect(await coach.locator('[data-card-id]').count()).toBe(0);
      await coach.screenshot({ path: `${SHOTS}collab-access-ended-${width}.png` });

      // The overview no longer lists the search, and a reload stays shut.
      await coach.goto(board);
      await coach.getByTestId('access-ended').waitFor();
      await coach.goto('/shared');
      await coach.getByTestId('overview-empty').waitFor();

      await seekerCtx.close();
      await coachCtx.close();
    });
  }

  it('the overview shows each shared pipeline; an invitation link works once', async () => {
    const seekerCtx = await context(pursuit.url, 'desktop');
    const coachCtx = await context(pursuit.url, 'phone');
    const seeker = await seekerCtx.newPage();
    const coach = await coachCtx.newPage();
    await signUp(seeker, 'Overview Seeker');
    await quickAdd(seeker, 'Globex', 'Data Engineer');
    const link = await inviteLink(seeker, 'viewer');
    await signUpFromLink(coach, link, 'Overview Coach');

    await coach.goto('/shared');
    const person = coach.getByTestId('overview-person');
    await person.waitFor();
    expect(await person.getByTestId('overview-count-interested').textContent()).toContain('1');
    await coach.screenshot({ path: `${SHOTS}collab-overview-phone.png`, fullPage: true });

    // The same link again: used.
    const other = await (await context(pursuit.url, 'desktop')).newPage();
    await other.goto(link);
    await other.getByTestId('invite-used').waitFor();
    await other.context().close();

    await seekerCtx.close();
    await coachCtx.close();
  });
});

describe.skipIf(!hasChromium)('sharing on an instance with sign-up closed', () => {
  let pursuit: Pursuit;
  // The harness reads this object at each start: the seeker signs up while it
  // is open (the instance's first account), then the instance restarts closed.
  const env: Record<string, string> = {};

  beforeAll(async () => {
    pursuit = await startPursuit(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('sign-up is not offered, yet the invitation link lets the coach in', async () => {
    const seekerCtx = await context(pursuit.url, 'desktop');
    const seeker = await seekerCtx.newPage();
    await signUp(seeker, 'Closed Seeker');
    await quickAdd(seeker, 'Initech', 'Backend Engineer');

    env.SIGNUP = 'closed';
    await pursuit.stop();
    await pursuit.start();
    await seeker.goto('/');
    await live(seeker);
    const link = await inviteLink(seeker, 'viewer');

    const coachCtx = await context(pursuit.url, 'desktop');
    const coach = await coachCtx.newPage();
    await coach.goto('/login');
    await coach.getByTestId('login-form').waitFor();
    expect(await coach.getByTestId('signup-link').count()).toBe(0);
    await coach.goto('/signup');
    await coach.getByTestId('signup-closed').waitFor();

    await signUpFromLink(coach, link, 'Closed Coach');
    await coach
      .locator('[data-card-id]', { hasText: 'Backend Engineer' })
      .waitFor({ state: 'attached' });

    await seekerCtx.close();
    await coachCtx.close();
  });
});
