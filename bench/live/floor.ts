// The floors of the live benchmark: raw postgres.js LISTEN, commit →
// notification, with no server between; Pursuit's figures are judged against them.
import postgres from 'postgres';
import { ownClient } from '../lib/database';
import { sleep, summarize, type Summary } from '../measure';

const WARM_UP = 100;
const uuidShape = /^[0-9a-f-]{36}$/;

/** `samples` autocommitted pg_notify calls at `rate` per second (after 100 warm-up ones). */
export function measureFloor(url: string, samples: number, rate: number): Promise<Summary> {
  const notifier = ownClient(postgres(url, { max: 1, onnotice: () => {} }));
  return measureNotifications(
    url,
    'bench_floor',
    samples,
    rate,
    (seq) => notifier`select pg_notify('bench_floor', ${String(seq)})`,
  );
}

/**
 * The floor for a change that is a write: the benchmark's own write transaction
 * as the request role (set_config, the update, whose trigger logs the change
 * and notifies Pursuit's channel) with a `pg_notify` of its own added, commit →
 * that notification. Unlike the autocommitted `pg_notify` floor, it waits for
 * the WAL flush of a real write, which every write's delivery must wait for too.
 */
export function measureWriteFloor(
  ownerUrl: string,
  appUrl: string,
  target: { userId: string; applicationId: string },
  samples: number,
  rate: number,
): Promise<Summary> {
  if (!uuidShape.test(target.userId) || !uuidShape.test(target.applicationId))
    throw new Error('bad target id');
  const writer = ownClient(postgres(appUrl, { max: 1, onnotice: () => {} }));
  // One simple-protocol message, as the benchmark's writes are sent (ids checked above).
  return measureNotifications(ownerUrl, 'bench_floor_write', samples, rate, (seq) =>
    writer.unsafe(
      `begin; select set_config('app.user_id', '${target.userId}', true); ` +
        `update applications set notes = 'floor ${seq}' where id = '${target.applicationId}'; ` +
        `select pg_notify('bench_floor_write', '${seq}'); commit`,
    ),
  );
}

/**
 * Paced sends at `rate` per second, each notifying `channel` with its sequence
 * number; the time from just before each send to its notification on a LISTEN
 * client of `listenUrl`.
 */
async function measureNotifications(
  listenUrl: string,
  channel: string,
  samples: number,
  rate: number,
  send: (seq: number) => Promise<unknown>,
): Promise<Summary> {
  const listener = ownClient(postgres(listenUrl, { max: 1, onnotice: () => {} }));
  const total = WARM_UP + samples;
  const t0 = new Float64Array(total).fill(Number.NaN);
  const received: number[] = [];
  await listener.listen(channel, (payload) => {
    const at = performance.now();
    const seq = Number(payload);
    if (seq >= WARM_UP && seq < total) received.push(at - t0[seq]!);
  });
  const interval = 1000 / rate;
  const start = performance.now();
  const deadline = start + 60_000;
  let sent = 0;
  for (let seq = 0; seq < total && performance.now() < deadline; seq += 1) {
    const due = start + seq * interval - performance.now();
    if (due > 0) await sleep(due);
    t0[seq] = performance.now();
    await send(seq);
    if (seq >= WARM_UP) sent += 1;
  }
  const until = performance.now() + 2000;
  while (received.length < sent && performance.now() < until) await sleep(10);
  return summarize(received, samples - received.length);
}
