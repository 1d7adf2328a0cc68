// Issue 10, fault: the server is killed with SIGKILL under write load and
// started again. Every write whose mutation returned OK is in the database,
// and every client, reconnecting with its last event id as wsLink does,
// resumes with nothing missed. A real process (boot.ts, job worker included).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@pursuit/db/embedded';
import { currentLivePosition, encodeEventId } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, sleep } from '../live/harness';
import {
  applicationsFound,
  coverage,
  ResumingClient,
  signUpPerson,
  Writer,
  type Coverage,
} from './support';

const PEOPLE = 4;
const entry = fileURLToPath(new URL('server-process.ts', import.meta.url));

let db: TestDatabase;
let port: number;
let base: string;
let child: ChildProcess | null = null;

interface Started {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

function startServer(): Started {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.ownerUrl,
    APP_DATABASE_URL: db.appUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ORIGIN,
    LOG_LEVEL: 'silent',
  };
  const started = spawn(process.execPath, ['--import', 'tsx', entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
  return { child: started, exited, output: () => output };
}

async function healthy(started: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) {
      throw new Error(`the server exited early:\n${started.output()}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(25);
  }
  throw new Error(`no /healthz within ${timeoutMs} ms:\n${started.output()}`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  await db?.close();
});

describe('issue 10: the server is killed with SIGKILL under write load', () => {
  it('keeps every acknowledged write, and every client resumes from its last event id with nothing missed', async () => {
    const first = startServer();
    await healthy(first);
    const wsUrl = `ws://127.0.0.1:${port}/trpc`;
    const people = [];
    for (let i = 0; i < PEOPLE; i += 1) people.push(await signUpPerson(base, `Killed${i}`));
    const start = encodeEventId(await currentLivePosition(db.owner));
    const clients = people.map((p) => new ResumingClient(() => wsUrl, p.cookie));
    await Promise.all(clients.map((c) => c.start(start)));
    const writers = people.map((p, i) => new Writer(() => base, p.cookie, `Killed${i}`));
    for (const w of writers) w.start(20);
    // Under load, and every client has live events before the kill.
    await Promise.all(
      clients.map((c, i) =>
        c.waitFor(
          () => c.events.filter((e) => e.table === 'applications').length >= 3,
          10_000,
          `client ${i}'s first events`,
        ),
      ),
    );

    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;
    const second = startServer();
    await healthy(second);
    const servingAt = Date.now();
    // Resumed: each client has an event for a write acknowledged after the restart.
    const resumedAfter = await Promise.all(
      clients.map(async (client, i) => {
        await client.waitFor(
          () =>
            writers[i]!.acknowledged.some(
              (a) =>
                a.startedAt >= servingAt &&
                client.events.some((e) => e.table === 'applications' && e.id === a.id),
            ),
          10_000,
          `client ${i} to resume`,
        );
        return Date.now() - servingAt;
      }),
    );
    await sleep(300);
    for (const w of writers) await w.stop();

    // Everything committed reaches each client (or is covered by a resync).
    const results: Coverage[] = [];
    for (const [i, p] of people.entries()) {
      let result = await coverage(db.owner, p.id, start, clients[i]!);
      const deadline = Date.now() + 5000;
      while (result.missed.length > 0 && Date.now() < deadline) {
        await sleep(50);
        result = await coverage(db.owner, p.id, start, clients[i]!);
      }
      results.push(result);
    }
    const acknowledged = writers.flatMap((w) => w.acknowledged.map((a) => a.id));
    const found = await applicationsFound(db.owner, acknowledged);
    console.log(
      `issue 10 fault, SIGKILL: the new process served /healthz ${servingAt - killedAt} ms after ` +
        `the kill; clients live again ${resumedAfter.join(', ')} ms later ` +
        `(max ${Math.max(...resumedAfter)} ms); ` +
        `writes acknowledged ${acknowledged.length}, found ${found.size}, failed ` +
        `${writers.reduce((n, w) => n + w.failed, 0)}; changes ` +
        `${results.reduce((n, r) => n + r.changes, 0)}, received ` +
        `${results.reduce((n, r) => n + r.received, 0)}, resyncs ` +
        `${results.reduce((n, r) => n + r.resyncs, 0)}, reconnects ` +
        `${clients.reduce((n, c) => n + c.connections - 1, 0)}, missed ` +
        `${results.reduce((n, r) => n + r.missed.length, 0)}`,
    );
    for (const c of clients) c.close();

    expect(found.size).toBe(acknowledged.length);
    for (const r of results) {
      expect(r.missed).toEqual([]);
      // Resumed from the last event id: replayed, not told to reload.
      expect(r.resyncs).toBe(0);
      expect(r.received).toBe(r.changes);
    }
    for (const c of clients) expect(c.connections).toBeGreaterThanOrEqual(2);
    // Process start-up (module loading, migrations check, job worker) is most
    // of the restart and depends on the machine; resuming once served is ours.
    expect(Math.max(...resumedAfter)).toBeLessThanOrEqual(5000);
  }, 150_000);
});
