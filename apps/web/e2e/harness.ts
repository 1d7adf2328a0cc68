// Browser tests run against the real thing: apps/server started as `pnpm start`
// would (built web app, embedded Postgres in a fresh data directory), driven
// by the system Chromium through playwright-core. They skip only when no
// Chromium exists, saying why; with REQUIRE_E2E=1 (CI) that is a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  const why = `no Chromium at ${CHROMIUM_PATH} (install it with apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but ${why}`);
  console.warn(`Skipping browser tests: ${why}.`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const serverEntry = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));

export interface Pursuit {
  /** http://localhost:<port>: the origin the server checks. */
  url: string;
  stop(): Promise<void>;
  /** Start again on the same port and data (the browser reconnects to it). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** E2E_BASE_URL points at a server you run yourself; otherwise one is started. */
export async function startPursuit(env: Record<string, string> = {}): Promise<Pursuit> {
  if (process.env.E2E_BASE_URL) {
    const url = process.env.E2E_BASE_URL;
    const refuse = () =>
      Promise.reject(new Error('cannot restart an external E2E_BASE_URL server'));
    return { url, stop: refuse, start: refuse, close: () => Promise.resolve() };
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pursuit-e2e-'));
  const url = `http://localhost:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  async function start() {
    output = '';
    child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: String(port),
        ORIGIN: url,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        BUILTIN_WORDS_PER_SECOND: '60',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Pursuit exited during start-up:\n${output}`);
      try {
        const response = await fetch(`${url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`Pursuit did not answer /healthz within 90 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function stop() {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    url,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- shared steps of the browser tests ---------------------------------

export const PASSWORD = 'correct horse battery';

/** Waits until the page is hydrated and its live connection is up, so clicks are handled. */
export async function live(page: Page): Promise<void> {
  await page.waitForSelector('[data-status="live"]', { timeout: 20_000 });
}

export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await live(page);
}

const onBoard = (url: URL) => url.pathname === '/';

/** Signs a new person up through the form; returns their email. */
export async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(onBoard);
  await live(page);
  return email;
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(onBoard);
  await live(page);
}
