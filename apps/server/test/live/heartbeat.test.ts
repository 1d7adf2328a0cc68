// The heartbeat that replaced tRPC's timers per socket: one sweep pings every
// open socket and ends those that did not answer the previous ping (a peer
// that vanished without closing), while a socket that answers stays open
// with its subscription. Real sockets, real Postgres.
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  ORIGIN,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
  type Running,
} from './harness';

const HEARTBEAT_MS = 150;

let db: TestDatabase;
let running: Running;

beforeAll(async () => {
  db = await createTestDatabase();
  running = await startServer(db.app, db.owner, { socketLimits: { heartbeatMs: HEARTBEAT_MS } });
});

afterAll(async () => {
  await running?.pursuit.close();
  await db?.close();
});

it('ends a socket that stops answering pings and keeps one that answers', async () => {
  const person = await signUp(running.base, 'Heartbeat');
  const answering = await RawSubscriber.open(running.wsUrl, person.cookie);
  answering.subscribe(null);
  // A peer that is gone: the connection stays up but nothing answers (ws's
  // automatic pong switched off, as a dead phone would not send one).
  const silent = new WebSocket(running.wsUrl, {
    headers: { cookie: person.cookie },
    origin: ORIGIN,
    autoPong: false,
  });
  let pings = 0;
  silent.on('ping', () => (pings += 1));
  const silentClosed = new Promise<number>((resolve) => silent.once('close', resolve));
  await new Promise<void>((resolve, reject) => {
    silent.once('open', () => resolve());
    silent.once('error', reject);
  });
  await subscribed(running, person.id, 1);
  expect(running.pursuit.sockets.wss.clients.size).toBe(2);

  const code = await Promise.race([silentClosed, sleep(HEARTBEAT_MS * 10).then(() => 'open')]);
  expect(pings, 'the server pinged the silent socket').toBeGreaterThan(0);
  // terminate(): no close frame, so the client sees an abnormal closure.
  expect(code).toBe(1006);

  await sleep(HEARTBEAT_MS * 4);
  expect(answering.closeCode, 'the answering socket is still open').toBeUndefined();
  expect(running.pursuit.sockets.wss.clients.size).toBe(1);
  await subscribed(running, person.id, 1);
  answering.close();
});
