// Two server processes on one database, as behind a load balancer: a change
// made through one reaches a client of the other, and a session revoked
// through one closes its socket on the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  call,
  caughtUp,
  createApplication,
  ORIGIN,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
  type Running,
} from './harness';

let db: TestDatabase;
let one: Running;
let two: ChildProcess;
let twoWs: string;

beforeAll(async () => {
  db = await createTestDatabase();
  one = await startServer(db.app, db.owner);
  two = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('instance.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        TEST_APP_URL: db.appUrl,
        TEST_OWNER_URL: db.ownerUrl,
        TEST_ORIGIN: ORIGIN,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    two.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    two.once('exit', (code) => reject(new Error(`instance 2 exited with ${code}`)));
  });
  twoWs = `ws://127.0.0.1:${port}/trpc`;
}, 60_000);

afterAll(async () => {
  if (two && two.exitCode === null) {
    two.kill('SIGTERM');
    await new Promise((resolve) => two.once('exit', resolve));
  }
  await one?.pursuit.close();
  await db?.close();
});

it('a change made through instance 1 reaches a client connected to instance 2', async () => {
  const a = await signUp(one.base, 'Multi');
  const onTwo = await RawSubscriber.open(twoWs, a.cookie);
  onTwo.subscribe();
  await sleep(100);
  const created = await createApplication(one.base, a.cookie, 'Across Instances');
  await onTwo.waitFor(
    () => onTwo.events.some((e) => e.table === 'applications' && e.id === created.id),
    3000,
    'the change on instance 2',
  );
  onTwo.close();
});

it('a session revoked through instance 1 closes its socket on instance 2 within 1 s', async () => {
  const a = await signUp(one.base, 'Revoke');
  const onTwo = await RawSubscriber.open(twoWs, a.cookie);
  onTwo.subscribe();
  await sleep(100);
  const { data: sessions } = await call<{ id: string; current: boolean }[]>(
    one.base,
    'auth.sessions',
    undefined,
    a.cookie,
    'query',
  );
  const started = Date.now();
  await call(one.base, 'auth.revokeSession', { id: sessions[0]!.id }, a.cookie);
  expect(await onTwo.waitForClose(1000)).toBe(4001);
  expect(Date.now() - started).toBeLessThan(1000);
});

it('a client can resume on instance 2 from an event id it got from instance 1', async () => {
  const a = await signUp(one.base, 'Hop');
  const created = await createApplication(one.base, a.cookie, 'Hopper');
  // The creation is read before onOne subscribes, so its last event is the archive.
  await caughtUp(one, db.owner);
  const onOne = await RawSubscriber.open(one.wsUrl, a.cookie);
  onOne.subscribe();
  await subscribed(one, a.id, 1);
  await call(one.base, 'application.archive', { id: created.id }, a.cookie);
  await onOne.waitFor(() => onOne.events.some((e) => e.id === created.id));
  const last = onOne.events.at(-1)!.eventId;
  onOne.close();
  await call(one.base, 'application.unarchive', { id: created.id }, a.cookie);
  const onTwo = await RawSubscriber.open(twoWs, a.cookie);
  onTwo.subscribe(last);
  await onTwo.waitFor(() => onTwo.events.some((e) => e.row?.archivedAt === null));
  expect(onTwo.events.every((e) => e.eventId > last)).toBe(true);
  expect(onTwo.events.filter((e) => e.op === 'update')).toHaveLength(1);
  onTwo.close();
});
