// The floor of the live benchmark: raw postgres.js LISTEN, commit → notification, with
// no server between; Pursuit's figures are judged against it.
import postgres from 'postgres';
import { ownClient } from '../lib/database';
import { sleep, summarize, type Summary } from '../measure';

/** `samples` autocommitted pg_notify calls at `rate` per second (after 100 warm-up ones). */
export async function measureFloor(url: string, samples: number, rate: number): Promise<Summary> {
  const listener = ownClient(postgres(url, { max: 1, onnotice: () => {} }));
  const notifier = ownClient(postgres(url, { max: 1, onnotice: () => {} }));
  const warm = 100;
  const total = warm + samples;
  const t0 = new Float64Array(total).fill(Number.NaN);
  const received: number[] = [];
  await listener.listen('bench_floor', (payload) => {
    const at = performance.now();
    const seq = Number(payload);
    if (seq >= warm && seq < total) received.push(at - t0[seq]!);
  });
  const interval = 1000 / rate;
  const start = performance.now();
  const deadline = start + 60_000;
  let sent = 0;
  for (let seq = 0; seq < total && performance.now() < deadline; seq += 1) {
    const due = start + seq * interval - performance.now();
    if (due > 0) await sleep(due);
    t0[seq] = performance.now();
    await notifier`select pg_notify('bench_floor', ${String(seq)})`;
    if (seq >= warm) sent += 1;
  }
  const until = performance.now() + 2000;
  while (received.length < sent && performance.now() < until) await sleep(10);
  return summarize(received, samples - received.length);
}

const uuidShape = /^[0-9a-f-]{36}$/;

/**
 * The floor for a change that is a write: the benchmark's own write transaction
 * as the request role (set_config, the update, whose trigger logs the change
 * and notifies Pursuit's channel) with a `pg_notify` of its own added, commit →
 * that notification on a raw LISTEN client. Unlike the autocommitted
 * `pg_notify` floor, it waits for the WAL flush of a real write, which every
 * write's delivery must wait for too.
 */
export async function measureWriteFloor(
  ownerUrl: string,
  appUrl: string,
  target: { userId: string; applicationId: string },
  samples: number,
  rate: number,
): Promise<Summary> {
  if (!uuidShape.test(target.userId) || !uuidShape.test(target.applicationId))
    throw new Error('bad target id');
  const listener = ownClient(postgres(ownerUrl, { max: 1, onnotice: () => {} }));
  const writer = ownClient(postgres(appUrl, { max: 1, onnotice: () => {} }));
  const warm = 100;
  const total = warm + samples;
  const t0 = new Float64Array(total).fill(Number.NaN);
  const received: number[] = [];
  await listener.listen('bench_floor_write', (payload) => {
    const at = performance.now();
    const seq = Number(payload);
    if (seq >= warm && seq < total) received.push(at - t0[seq]!);
  });
  const interval = 1000 / rate;
  const start = performance.now();
  const deadline = start + 60_000;
  let sent = 0;
  for (let seq = 0; seq < total && performance.now() < deadline; seq += 1) {
    const due = start + seq * interval - performance.now();
    if (due > 0) await sleep(due);
    t0[seq] = performance.now();
    // One simple-protocol message, as the benchmark's writes are sent (ids checked above).
    await writer.unsafe(
      `begin; select set_config('app.user_id', '${target.userId}', true); ` +
        `update applications set notes = 'floor ${seq}' where id = '${target.applicationId}'; ` +
        `select pg_notify('bench_floor_write', '${seq}'); commit`,
    );
    if (seq >= warm) sent += 1;
  }
  const until = performance.now() + 2000;
  while (received.length < sent && performance.now() < until) await sleep(10);
  return summarize(received, samples - received.length);
}
