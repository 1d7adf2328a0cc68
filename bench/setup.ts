// Set-up for the live benchmark: users with sessions inserted directly (fast,
// one precomputed argon2 hash), and the Pursuit server as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';
import { generateSessionToken, SESSION_COOKIE, sessionIdFromToken } from '@pursuit/api/server';
import type postgres from 'postgres';
import type { StatsReply, StatsRequest } from './server';

export const benchDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The V8 flags apps/server's `start` script gives node (`node <flags> --import
 * tsx src/main.ts`), read from its package.json so a benchmark's server runs
 * with the same heap settings as `pnpm start`.
 */
export function serverNodeFlags(): string[] {
  const manifest = JSON.parse(
    readFileSync(new URL('../apps/server/package.json', import.meta.url), 'utf8'),
  ) as { scripts: { start: string } };
  const words = manifest.scripts.start.split(/\s+/);
  const flags = words.slice(words.indexOf('node') + 1, words.indexOf('--import'));
  if (flags.some((flag) => !flag.startsWith('--')))
    throw new Error(
      `apps/server's start script is not "node <flags> --import tsx …": ${manifest.scripts.start}`,
    );
  return flags;
}

export interface BenchUser {
  userId: string;
  /** One per session: `pursuit_session=<token>`. */
  cookies: string[];
  applicationId: string | null;
}

const JOB_DESCRIPTION =
  'A benchmark application: we are looking for an engineer to build real-time features with TypeScript and Postgres.';

/** The argon2id hash every benchmark user shares (same parameters as the API). */
export function benchPasswordHash(): Promise<string> {
  return hash('bench-password-not-used-to-sign-in', {
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
    outputLen: 32,
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * As the owner role (which bypasses RLS): `count` users, each with
 * `sessionsPerUser` sessions (id = SHA-256 of a generated token, as
 * sessionIdFromToken does) and, if asked, one application.
 */
export async function createUsers(
  owner: postgres.Sql,
  options: {
    tag: string;
    count: number;
    sessionsPerUser: number;
    withApplication: boolean;
    passwordHash: string;
    companyId: string;
  },
): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  const userRows: Record<string, string>[] = [];
  const sessionRows: Record<string, string | Date>[] = [];
  const applicationRows: Record<string, string>[] = [];
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  for (let i = 0; i < options.count; i += 1) {
    const userId = randomUUID();
    const user: BenchUser = { userId, cookies: [], applicationId: null };
    userRows.push({
      id: userId,
      email: `bench-${options.tag}-${i}@example.com`,
      password_hash: options.passwordHash,
      display_name: `Bench ${options.tag} ${i}`,
    });
    for (let s = 0; s < options.sessionsPerUser; s += 1) {
      const token = generateSessionToken();
      sessionRows.push({ id: sessionIdFromToken(token), user_id: userId, expires_at: expiresAt });
      user.cookies.push(`${SESSION_COOKIE}=${token}`);
    }
    if (options.withApplication) {
      user.applicationId = randomUUID();
      applicationRows.push({
        id: user.applicationId,
        user_id: userId,
        company_id: options.companyId,
        company_name: 'Bench Co',
        role_title: 'Engineer',
        job_description: JOB_DESCRIPTION,
        position: 'a0',
      });
    }
    users.push(user);
  }
  for (const rows of chunks(userRows, 1000)) await owner`insert into users ${owner(rows)}`;
  for (const rows of chunks(sessionRows, 2000)) await owner`insert into sessions ${owner(rows)}`;
  for (const rows of chunks(applicationRows, 1000)) {
    await owner`insert into applications ${owner(rows)}`;
  }
  return users;
}

export async function createCompany(owner: postgres.Sql): Promise<string> {
  const [row] = await owner<{ id: string }[]>`
    insert into companies (name) values ('Bench Co') returning id`;
  return row!.id;
}

// ------------------------------------------------------------ server child

/** A child's exit as a promise; stop is SIGTERM, then SIGKILL after 15 s; kill is at once. */
function lifetime(child: ChildProcess): {
  exit: Promise<void>;
  stop: () => Promise<void>;
  kill: () => void;
} {
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return {
    exit,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}

export interface ServerChild {
  pid: number;
  port: number;
  wsUrl: string;
  stats(gc: boolean): Promise<StatsReply>;
  /** SIGTERM, then SIGKILL after 15 s; resolves when the process is gone. */
  stop(): Promise<void>;
  /** Synchronous last resort (exit handlers). */
  kill(): void;
  /** The last lines the server wrote to stderr. */
  log: string[];
}

/**
 * Starts bench/server.ts through bash so the open-files limit can be raised
 * for it alone (`ulimit -n 65536`, else up to the hard limit), with --expose-gc
 * and an IPC channel for stats.
 */
export async function startServerChild(env: {
  appUrl: string;
  ownerUrl: string;
  origin: string;
}): Promise<ServerChild> {
  const child: ChildProcess = spawn(
    'bash',
    [
      '-c',
      'ulimit -n 65536 2>/dev/null || ulimit -Sn "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...serverNodeFlags(),
      '--expose-gc',
      // BENCH_CPU_PROF=<dir>: write the server's CPU profile there (diagnosis).
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      '--import',
      'tsx',
      'server.ts',
    ],
    {
      cwd: benchDir,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        BENCH_APP_URL: env.appUrl,
        BENCH_OWNER_URL: env.ownerUrl,
        BENCH_ORIGIN: env.origin,
      },
    },
  );
  const log: string[] = [];
  const { exit, stop, kill } = lifetime(child);
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line) continue;
      if (line.startsWith('[trace]') || line.includes('failed')) process.stderr.write(`${line}\n`);
      log.push(line);
      if (log.length > 40) log.shift();
    }
  });

  const pending = new Map<number, (reply: StatsReply) => void>();
  let nextId = 1;
  child.on('message', (message: unknown) => {
    const reply = message as StatsReply;
    if (reply?.type === 'stats') {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    }
  });

  const { port, pid } = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('server did not start within 300 s')), 300_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const match = /listening (\d+) (\d+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), pid: Number(match[2]) });
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited during start-up:\n${log.join('\n')}`));
    });
  });

  return {
    pid,
    port,
    wsUrl: `ws://127.0.0.1:${port}/trpc`,
    log,
    stats(gc) {
      return new Promise<StatsReply>((resolve, reject) => {
        const id = nextId;
        nextId += 1;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error('server stats timed out'));
        }, 10_000);
        pending.set(id, (reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
        const request: StatsRequest = { type: 'stats', id, gc };
        child.send(request);
      });
    },
    stop,
    kill,
  };
}

// ------------------------------------------- the whole app (`pnpm start`)

export const repoDir = fileURLToPath(new URL('..', import.meta.url));
const webBuildHandler = fileURLToPath(new URL('../apps/web/build/handler.js', import.meta.url));

/**
 * apps/server/src/main.ts serves apps/web/build: builds it (`pnpm build` in
 * apps/web) only when no build exists. Returns how it went, for the report.
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<string> {
  if (existsSync(webBuildHandler)) {
    return `existing apps/web/build (built ${statSync(webBuildHandler).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
  }
  log('apps/web/build is missing: running `pnpm build` in apps/web');
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('pnpm', ['build'], {
      cwd: fileURLToPath(new URL('../apps/web/', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000);
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0 || !existsSync(webBuildHandler)) {
    throw new Error(`building apps/web failed (exit ${code}):\n${output.join('').slice(-4000)}`);
  }
  return `apps/web built by this run in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

export interface PursuitChild {
  pid: number;
  port: number;
  /** http://127.0.0.1:<port>, also the ORIGIN the server checks. */
  url: string;
  wsUrl: string;
  /** The last lines the server printed. */
  log: string[];
  /** SIGTERM, then SIGKILL after 15 s; resolves when the process is gone. */
  stop(): Promise<void>;
  /** Synchronous last resort (exit handlers). */
  kill(): void;
}

/**
 * The real server as `pnpm start` runs it (node <its flags> --import tsx
 * apps/server/src/main.ts: web app, API, live feed, document worker) on the
 * database the benchmark owns (DATABASE_URL / APP_DATABASE_URL, so the
 * benchmark, not the server, starts and stops Postgres), on 127.0.0.1 only.
 */
export async function startPursuitMain(options: {
  ownerUrl: string;
  appUrl: string;
  port: number;
  env?: Record<string, string>;
}): Promise<PursuitChild> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [...serverNodeFlags(), '--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('../apps/server/', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      ORIGIN: url,
      DATABASE_URL: options.ownerUrl,
      APP_DATABASE_URL: options.appUrl,
      LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  const log: string[] = [];
  const { exit, stop, kill } = lifetime(child);
  let ready = false;
  let onReady: (() => void) | undefined;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      log.push(line);
      if (log.length > 60) log.shift();
      if (!ready && line.includes('[pursuit] ready in')) {
        ready = true;
        onReady?.();
      }
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server not ready within 90 s:\n${log.join('\n')}`)),
      90_000,
    );
    onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    if (ready) onReady();
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited during start-up:\n${log.join('\n')}`));
    });
  });
  return {
    pid: child.pid!,
    port: options.port,
    url,
    wsUrl: `ws://127.0.0.1:${options.port}/trpc`,
    log,
    stop,
    kill,
  };
}

/**
 * Waits (bounded) until apps/web/build/handler.js exists: someone else's
 * `vite build` empties the folder while it runs, and main.ts refuses to
 * start without it. Never builds.
 */
export async function waitForWebBuild(
  timeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let said = false;
  while (!existsSync(webBuildHandler)) {
    if (performance.now() > deadline)
      throw new Error(`apps/web/build/handler.js missing for ${timeoutMs / 1000} s`);
    if (!said) log('apps/web/build is being rebuilt by something else: waiting for it');
    said = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // Give a build that just wrote its handler a moment to finish the rest.
  if (said) await new Promise((resolve) => setTimeout(resolve, 3000));
}
