// The Pursuit server as `pnpm bench:live` runs it: exactly what `pnpm start`
// runs (apps/server boot.ts's createPursuit with the configuration read from
// the environment by env.ts: pools, the embedded job worker and its crontab,
// document services, the built web app when there is one), in its own process
// (so its RSS can be read from /proc and the load generator does not share
// its event loop), on the database the benchmark gives it. Prints
// "listening <port> <pid>". Answers {type: 'stats'} over IPC with memory and
// live feed counters.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { EMBED_SWEEP_TASK, EMBED_TASK } from '@pursuit/api/server';
import { createPursuit, readEnv, type WebApp } from '@pursuit/server';
import postgres from 'postgres';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const env = readEnv({
  ...process.env,
  DATABASE_URL: required('BENCH_OWNER_URL'),
  APP_DATABASE_URL: required('BENCH_APP_URL'),
  ORIGIN: required('BENCH_ORIGIN'),
  HOST: '127.0.0.1',
  PORT: '0',
});
const log = (line: string) => process.stderr.write(`[server] ${line}\n`);

async function builtWebApp(): Promise<WebApp> {
  const built = fileURLToPath(new URL('../apps/web/build/handler.js', import.meta.url));
  if (!existsSync(built)) return { handler: (_req, res) => res.writeHead(404).end() };
  process.env.ORIGIN = env.origin;
  const { handler } = (await import(built)) as WebApp;
  return { handler };
}

const boot = createPursuit({ env, log, serve: { web: builtWebApp } });
await boot.start();
const pursuit = boot.server!;
await settleEmbeddings();

/**
 * The benchmark inserts thousands of applications straight in SQL; at start
 * the job worker's sweep queues an embedding for each (1,000 per sweep, a
 * sweep every ten minutes) and embeds them in this process. That catch-up is
 * real work a server does once after an import, not the steady state the
 * live figures describe: wait until every application has its embedding,
 * asking for another sweep while any is missing.
 */
async function settleEmbeddings(): Promise<void> {
  const sql = postgres(required('BENCH_OWNER_URL'), { max: 1, onnotice: () => {} });
  try {
    for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
      const [row] = await sql<{ queued: number; missing: number }[]>`
        select (select count(*)::int from graphile_worker.jobs
                 where task_identifier in (${EMBED_TASK}, ${EMBED_SWEEP_TASK})) as queued,
               (select count(*)::int from applications a
                 where not exists (select 1 from embeddings e
                                    where e.application_id = a.id and e.document_id is null)) as missing`;
      if (row!.missing === 0) return;
      if (row!.queued === 0) {
        await sql`select graphile_worker.add_job(${EMBED_SWEEP_TASK}, '{}'::json, job_key => ${EMBED_SWEEP_TASK})`;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    log('embeddings still missing after 240 s; measuring anyway');
  } finally {
    await sql.end({ timeout: 2 });
  }
}

// BENCH_TRACE=1: time the live hub's steps by wrapping its methods on this
// instance (diagnosis only; off by default so the figures are unperturbed).
const trace = {
  redispatched: 0,
  wakes: 0,
  retryWakes: 0,
  drains: 0,
  emptyDrains: 0,
  drainMs: [] as number[],
  dispatchMs: [] as number[],
  materializeMs: [] as number[],
};
if (process.env.BENCH_TRACE === '1') {
  const hub = pursuit.live as unknown as Record<string, (...args: unknown[]) => unknown>;
  const wrap = (name: string, record: (ms: number, result: unknown) => void) => {
    const original = hub[name]!.bind(hub);
    hub[name] = (...args: unknown[]) => {
      const start = performance.now();
      const result = original(...args) as Promise<unknown>;
      return result.then((value) => {
        record(performance.now() - start, value);
        return value;
      });
    };
  };
  const wake = hub.wake!.bind(hub);
  hub.wake = (retryIndex: unknown) => {
    trace.wakes += 1;
    if (typeof retryIndex === 'number' && retryIndex > 0) trace.retryWakes += 1;
    return wake(retryIndex);
  };
  wrap('drain', (ms, read) => {
    trace.drains += 1;
    if (read === 0) trace.emptyDrains += 1;
    trace.drainMs.push(ms);
  });
  wrap('dispatch', (ms) => trace.dispatchMs.push(ms));
  // A change_log row dispatched twice is a duplicate delivery: report the first few.
  type Row = { position: { xid: bigint; id: bigint } };
  const key = (r: Row) => `${r.position.xid}:${r.position.id}`;
  const everDispatched = new Set<string>();
  let activeDrains = 0;
  const dispatch = hub.dispatch!.bind(hub);
  hub.dispatch = (rows: unknown) => {
    const batch = (rows as Row[]).map(key);
    const again = batch.filter((k) => everDispatched.has(k));
    if (again.length > 0) {
      trace.redispatched += again.length;
      if (trace.redispatched === again.length) {
        process.stderr.write(
          `[trace] ${again.length} of a batch of ${batch.length} change_log rows dispatched before: ` +
            `batch order ${batch.slice(0, 6).join(' ')} ...\n`,
        );
      }
    }
    for (const k of batch) everDispatched.add(k);
    return dispatch(rows);
  };
  const drain = hub.drain!.bind(hub);
  hub.drain = () => {
    activeDrains += 1;
    if (activeDrains > 1) process.stderr.write(`[trace] ${activeDrains} drains at once\n`);
    return (drain() as Promise<unknown>).finally(() => (activeDrains -= 1));
  };
  wrap('reread', (ms) => trace.materializeMs.push(ms));
}
function takeTrace() {
  const pick = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
    return { n: xs.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  };
  const out = {
    redispatched: trace.redispatched,
    wakes: trace.wakes,
    retryWakes: trace.retryWakes,
    drains: trace.drains,
    emptyDrains: trace.emptyDrains,
    drainMs: pick(trace.drainMs),
    dispatchMs: pick(trace.dispatchMs),
    materializeMs: pick(trace.materializeMs),
  };
  Object.assign(trace, {
    redispatched: 0,
    wakes: 0,
    retryWakes: 0,
    drains: 0,
    emptyDrains: 0,
    drainMs: [],
    dispatchMs: [],
    materializeMs: [],
  });
  return out;
}
console.log(`listening ${(pursuit.server.address() as AddressInfo).port} ${process.pid}`);

export interface StatsRequest {
  type: 'stats';
  id: number;
  gc: boolean;
}

export interface StatsReply {
  type: 'stats';
  id: number;
  memory: NodeJS.MemoryUsage;
  feed: { batches: number; changes: number; rereads: number; delivered: number };
  subscriptions: number;
  sockets: number;
  sessions: number;
  /** Feed-hub timings since the last stats call (only with BENCH_TRACE=1). */
  trace: ReturnType<typeof takeTrace> | null;
}

function isStatsRequest(message: unknown): message is StatsRequest {
  return (
    typeof message === 'object' && message !== null && (message as StatsRequest).type === 'stats'
  );
}

process.on('message', (message: unknown) => {
  if (!isStatsRequest(message)) return;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (message.gc && gc) gc();
  const reply: StatsReply = {
    type: 'stats',
    id: message.id,
    memory: process.memoryUsage(),
    feed: { ...pursuit.live.stats },
    subscriptions: pursuit.live.subscriptionCount,
    sockets: pursuit.sockets.wss.clients.size,
    sessions: pursuit.sockets.bySession.size,
    trace: process.env.BENCH_TRACE === '1' ? takeTrace() : null,
  };
  process.send?.(reply);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 15_000).unref();
  void boot.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The benchmark went away without stopping us: do not linger.
process.on('disconnect', stop);
