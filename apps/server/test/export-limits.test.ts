// Issue 10: slow export downloads cannot starve the requests. The server is
// booted as `pnpm start` boots it (createPursuit with DATABASE_URL and
// APP_DATABASE_URL), and downloads are made over raw sockets that stop
// reading after the first bytes, as a hostile or stuck client would.
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { createTestDatabase, superuserUrlFor, type TestDatabase } from '@pursuit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '@pursuit/db';
import { createPursuit, type Pursuit } from '../src/boot';
import { connectDatabases } from '../src/database';
import { readEnv } from '../src/env';
import { call, createApplication, JOB_DESCRIPTION, ORIGIN, signUp, sleep } from './live/harness';

const STALL_SECONDS = 2;

let t: TestDatabase;
let pursuit: Pursuit;
let base: string;
let superuser: Database;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  superuser = createDb(superuserUrlFor(t), { max: 1, name: 'export-test-observer' });
  pursuit = createPursuit({
    env: readEnv({
      DATABASE_URL: t.ownerUrl,
      APP_DATABASE_URL: t.appUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ORIGIN,
      LOG_LEVEL: 'silent',
      WORKER: 'off',
      EXPORT_STALL_SECONDS: String(STALL_SECONDS),
    }),
    log: () => {},
    serve: {},
  });
  await pursuit.start();
  const { port } = pursuit.server!.server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await pursuit?.stop();
  await superuser?.close();
  await t?.close();
});

/** A user whose export is tens of megabytes: far more than socket buffers hold. */
async function heavyUser(name: string) {
  const user = await signUp(base, name);
  await createApplication(base, user.cookie, `${name} Inc`);
  await t.app.sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${user.id}, true)`;
    await tx`
      insert into applications (user_id, company_id, company_name, role_title, job_description, position)
      select ${user.id}, a.company_id, '', 'Engineer ' || g, repeat(${JOB_DESCRIPTION} || ' ', 500),
             'b' || lpad(g::text, 6, '0')
        from generate_series(1, 100) g, (select company_id from applications limit 1) a`;
  });
  return user;
}

/** GETs `path` and stops reading after the first bytes; resolves with the status. */
function stalledDownload(
  path: string,
  cookie: string,
): Promise<{ status: number; socket: Socket }> {
  const { hostname, port, host } = new URL(base);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\n\r\n`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      resolve({ status: Number(chunk.toString('latin1').split(' ')[1]), socket });
    });
  });
}

/** Request-role connections inside a transaction (a cursor read shows as active). */
async function openExportTransactions(): Promise<number> {
  // As a superuser: other roles' rows in pg_stat_activity are hidden from the owner.
  const [row] = await superuser.sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
     where datname = current_database() and usename = 'pursuit_app' and xact_start is not null`;
  return row!.n;
}

async function timed<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('issue 10: exports cannot starve requests', () => {
  it('twenty stalled downloads leave a normal query answering within a second', async () => {
    const users = await Promise.all(['Ann', 'Bea', 'Cal', 'Dov'].map((name) => heavyUser(name)));
    const downloads = await Promise.all(
      users.flatMap((user) =>
        Array.from({ length: 5 }, () =>
          stalledDownload('/export/pursuit-export.json', user.cookie),
        ),
      ),
    );
    expect(downloads).toHaveLength(20);
    // Let every admitted download fill its socket and wait on the reader.
    await sleep(300);
    const started = Date.now();
    const { data } = await timed(
      call<{ cards: unknown[] }>(base, 'application.list', {}, users[0]!.cookie, 'query'),
      1_000,
    );
    expect(data.cards.length).toBeGreaterThan(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    // One download per person; the other four of each got a clear 429.
    const statuses = downloads.map((d) => d.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(16);
  });

  it('a second download by the same person is refused with a message', async () => {
    const user = await heavyUser('Eve');
    const first = await stalledDownload('/export/pursuit-export.json', user.cookie);
    expect(first.status).toBe(200);
    const second = await fetch(`${base}/export/applications.csv`, {
      headers: { cookie: user.cookie },
    });
    expect(second.status).toBe(429);
    expect(await second.json()).toEqual({
      error: {
        message:
          'An export of your data is already downloading. Let it finish (or cancel it), then try again.',
      },
    });
    first.socket.destroy();
  });

  it('a reader that stops reading is cut off after EXPORT_STALL_SECONDS, ending its transaction', async () => {
    // Earlier downloads have been cut off by now or will be within the stall time.
    await sleep(STALL_SECONDS * 1000 + 500);
    const user = await heavyUser('Fay');
    const stalled = await stalledDownload('/export/pursuit-export.json', user.cookie);
    expect(stalled.status).toBe(200);
    await sleep(300);
    expect(await openExportTransactions()).toBe(1);
    const deadline = Date.now() + STALL_SECONDS * 1000 + 3_000;
    while ((await openExportTransactions()) > 0) {
      if (Date.now() > deadline) throw new Error('the stalled export still holds its transaction');
      await sleep(100);
    }
    // The person may download again.
    const again = await fetch(`${base}/export/applications.csv`, {
      headers: { cookie: user.cookie },
    });
    expect(again.status).toBe(200);
    expect((await again.text()).split('\r\n').length).toBeGreaterThan(100);
  });
});

describe('issue 10: request-role timeouts', () => {
  it('the request pool ends long statements and idle transactions; the export pool allows longer', async () => {
    const databases = await connectDatabases(
      readEnv({ DATABASE_URL: t.ownerUrl, APP_DATABASE_URL: t.appUrl, LOG_LEVEL: 'silent' }),
      () => {},
    );
    try {
      const show = async (db: Database) => {
        const [row] = await db.sql<{ statement: string; idle: string }[]>`
          select current_setting('statement_timeout') as statement,
                 current_setting('idle_in_transaction_session_timeout') as idle`;
        return row;
      };
      expect(await show(databases.app)).toEqual({ statement: '15s', idle: '30s' });
      expect(await show(databases.exports)).toEqual({ statement: '15min', idle: '1min' });
    } finally {
      await databases.close();
    }
  });
});
