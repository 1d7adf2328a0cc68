// Set-up for the live benchmark: users with sessions inserted directly (fast,
// one precomputed argon2 hash), and the Pursuit server as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';
import { generateSessionToken, SESSION_COOKIE, sessionIdFromToken } from '@pursuit/api';
import type postgres from 'postgres';
import type { StatsReply, StatsRequest } from './server';

export const benchDir = fileURLToPath(new URL('.', import.meta.url));

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
      '--expose-gc',
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
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
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
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
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
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
  };
}
