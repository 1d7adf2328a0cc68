// The real entry point, as `pnpm start` runs it: a fresh DATA_DIR gets its own
// embedded Postgres, /healthz answers, SIGTERM stops everything cleanly, and a
// second start on the same DATA_DIR still has the data.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import superjson from 'superjson';
import { afterEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const webHandler = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));
const PASSWORD = 'correct horse battery staple';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

function start(port: number, dataDir: string): Started {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  };
  // The embedded database is the point of this test.
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  delete env.ORIGIN;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

async function waitForHealth(base: string, started: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void started.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `the server exited with code ${exitCode} before /healthz answered:\n${started.output()}`,
      );
    }
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms:\n${started.output()}`);
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGTERM');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no exit 30 s after SIGTERM:\n${started.output()}`)), 30_000),
  );
  return Promise.race([started.exited, timeout]);
}

/** One tRPC call over HTTP, as a browser on the default origin makes it. */
async function trpc<T>(
  base: string,
  origin: string,
  path: string,
  input: unknown,
  { cookie, method = 'POST' }: { cookie?: string; method?: 'GET' | 'POST' } = {},
): Promise<{ data: T; setCookies: string[] }> {
  const wire = JSON.stringify(superjson.serialize(input));
  const headers: Record<string, string> = { origin, ...(cookie ? { cookie } : {}) };
  const response =
    method === 'GET'
      ? await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(wire)}`, { headers })
      : await fetch(`${base}/trpc/${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: wire,
        });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}: ${text}`);
  const body = JSON.parse(text) as {
    result: { data: Parameters<typeof superjson.deserialize>[0] };
  };
  return {
    data: superjson.deserialize<T>(body.result.data),
    setCookies: response.headers.getSetCookie(),
  };
}

function sessionCookie(setCookies: string[]): string {
  const header = setCookies.find((c) => c.startsWith('pursuit_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(setCookies)}`);
  return header.split(';')[0]!;
}

/** After a failure: stop what is still running, politely first so Postgres stops too. */
async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

afterEach(stopAll, 40_000);

describe('starting the server', () => {
  it('starts on a fresh DATA_DIR, answers /healthz, stops on SIGTERM and keeps the data across restarts', async () => {
    if (!existsSync(webHandler)) {
      throw new Error(
        `${webHandler} is missing: the web app is not built. Run \`pnpm build\` at the repository root ` +
          '(`pnpm test` builds first through turbo).',
      );
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'pursuit-startup-'));
    try {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const origin = `http://localhost:${port}`;
      const email = `startup-${Date.now()}@example.com`;

      const first = start(port, dataDir);
      await waitForHealth(base, first, 60_000);
      const page = await fetch(`${base}/`);
      expect(page.status, 'the web app answers /').toBeLessThan(500);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const registered = await trpc(base, origin, 'auth.register', {
        email,
        password: PASSWORD,
        name: 'Persistent Person',
      });
      const created = await trpc<{ id: string }>(
        base,
        origin,
        'application.create',
        {
          companyName: 'Durable Inc',
          roleTitle: 'Site Reliability Engineer',
          jobDescription:
            'Keep the lights on: backups, restores, failover drills and the occasional 3 a.m. page.',
        },
        { cookie: sessionCookie(registered.setCookies) },
      );
      expect(await stop(first), `first run output:\n${first.output()}`).toBe(0);

      const second = start(port, dataDir);
      await waitForHealth(base, second, 60_000);
      const signedIn = await trpc(base, origin, 'auth.login', { email, password: PASSWORD });
      const list = await trpc<{ cards: { id: string; companyName: string }[] }>(
        base,
        origin,
        'application.list',
        {},
        { cookie: sessionCookie(signedIn.setCookies), method: 'GET' },
      );
      expect(list.data.cards.map((a) => [a.id, a.companyName])).toEqual([
        [created.data.id, 'Durable Inc'],
      ]);
      expect(await stop(second), `second run output:\n${second.output()}`).toBe(0);
    } finally {
      await stopAll();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
