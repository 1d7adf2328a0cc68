// Tokens for scripts in a real browser (issue 14): a person makes a read token
// on the account page in Chromium (the secret shown once, with a copy button),
// then a script — plain fetch from Node, no cookie, no Origin — lists the board
// with it, over tRPC and over the REST API, while a write is refused. Revoked
// on the page, the token stops working. The section fits a 390 px phone.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser, signUp, startPursuit, visit, type Pursuit } from './harness';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const DESCRIPTION =
  'Own the payments platform end to end: ledgers, Postgres and the APIs around them.';

let pursuit: Pursuit;
let browser: Browser;

/** A script's tRPC call: superjson's wire format is `{ json: input }`. */
async function call(
  method: 'GET' | 'POST',
  path: string,
  token: string,
  input: unknown,
): Promise<{
  status: number;
  body: {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
}> {
  const wire = JSON.stringify({ json: input });
  const response =
    method === 'GET'
      ? await fetch(`${pursuit.url}/trpc/${path}?input=${encodeURIComponent(wire)}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      : await fetch(`${pursuit.url}/trpc/${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: wire,
        });
  return { status: response.status, body: (await response.json()) as never };
}

describe.skipIf(!hasChromium)('Tokens for scripts', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pursuit = await startPursuit();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pursuit?.close();
  });

  it('a read token made on the account page lists the board from a script, and cannot write', async () => {
    const ctx = await browser.newContext({
      baseURL: pursuit.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    await signUp(page, 'Scripter');
    // One card on the board, added in the browser's session.
    const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const added = await fetch(`${pursuit.url}/trpc/application.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: pursuit.url, cookie },
      body: JSON.stringify({
        json: { companyName: 'Stripe', roleTitle: 'Ledger Engineer', jobDescription: DESCRIPTION },
      }),
    });
    expect(added.status).toBe(200);

    await visit(page, '/account');
    const section = page.getByTestId('tokens');
    await expect.poll(() => section.getByTestId('tokens-empty').isVisible()).toBe(true);
    await section.getByLabel('Name').fill('Board export');
    await section.getByLabel('Scope').selectOption('read');
    await section.getByRole('button', { name: 'Make token' }).click();
    const secret = section.getByTestId('token-secret');
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => section.getByTestId('token-row').count()).toBe(1);
    await expect
      .poll(() => section.getByTestId('token-row').textContent())
      .toMatch(/Board export.*Read only.*Never used/s);

    // No horizontal scroll at 390 px.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}tokens-390.png`, fullPage: true });

    // The script: lists the board with the token alone.
    const board = await call('GET', 'application.list', token, {});
    expect(board.status).toBe(200);
    const cards = (board.body.result!.data.json as { cards: Array<{ companyName: string }> }).cards;
    expect(cards.map((card) => card.companyName)).toEqual(['Stripe']);
    const rest = await fetch(`${pursuit.url}/api/v1/applications`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(rest.status).toBe(200);
    // A write is refused, with a sentence.
    const write = await call('POST', 'application.create', token, {
      companyName: 'Nope',
      roleTitle: 'Nope',
      jobDescription: DESCRIPTION,
    });
    expect(write.status).toBe(403);
    expect(write.body.error!.json.message).toMatch(/can only read/);

    // The page shows it was used; revoking it stops the script.
    await page.reload();
    await expect.poll(() => section.getByTestId('token-row').textContent()).toMatch(/Last used/);
    await section.getByTestId('revoke-token').click();
    await page.getByTestId('confirm-question-confirm').click();
    await expect.poll(() => section.getByTestId('tokens-empty').isVisible()).toBe(true);
    expect((await call('GET', 'application.list', token, {})).status).toBe(401);
    await ctx.close();
  });
});
