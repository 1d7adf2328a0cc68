// Two issue-15 figures of the live benchmark, each on its own server:
// - deliveries per second when each write goes to many sockets: owners with
//   64 sockets each (4 devices × 16 tabs, the per-user and per-session
//   limits), at rising write rates;
// - a reconnect that missed 100 changes: from opening the socket with the
//   last event id it saw to the last of the 100 changes received.
import postgres from 'postgres';
import WebSocket from 'ws';
import { log, own, ownChild } from '../lib/run';
import { summarize, type Summary } from '../measure';
import { createUsers, startServerChild } from '../setup';
import { Fleet, type SocketSpec } from './fleet';
import type { PhaseOptions } from './sharing';
import { measurePhase, type PhaseContext } from './phases';
import { Tracker } from './tracker';
import { Writers, type WriteTarget } from './writers';

export const FANOUT = {
  owners: 50,
  sessionsPerOwner: 4,
  socketsPerSession: 16,
  applicationsPerOwner: 20,
  rates: [50, 100, 200, 400, 800, 1200],
  durationMs: 6_000,
  drainMs: 5_000,
  writerConnections: 16,
};

export const RESUME = { missed: 100, runs: 20, timeoutMs: 10_000 };

export interface FanoutStep {
  rate: number;
  achievedRate: number;
  deliveredPerSecond: number;
  expectedPerSecond: number;
  latency: Summary;
}

export interface FanoutFigures {
  socketsPerOwner: number;
  sockets: number;
  steps: FanoutStep[];
  /** The most deliveries/s of a step with nothing lost and p95 < 50 ms. */
  held: number;
  routing: {
    misrouted: number;
    duplicates: number;
    stray: number;
    lost: number;
    superseded: number;
    duplicateSamples: string[];
  };
  resume: { missed: number; runs: number; latency: Summary; incomplete: number };
}

const seqInFrame = /"notes":"b(\d+)"/g;
const eventIdInFrame = /"id":"([0-9a-f]{16}-[0-9a-f]{16})"/;

/** Owners' extra applications, so that writes spread over many rows. */
async function addApplications(owner: postgres.Sql, applicationId: string, count: number) {
  const rows = await owner<{ id: string }[]>`
    insert into applications (user_id, company_id, company_name, role_title, job_description, position)
    select a.user_id, a.company_id, a.company_name, a.role_title, a.job_description, 'a' || g
      from applications a, generate_series(1, ${count}) g
     where a.id = ${applicationId}
    returning id`;
  return [applicationId, ...rows.map((row) => row.id)];
}

export async function measureFanout(options: PhaseOptions): Promise<FanoutFigures> {
  const { owner } = options;
  const users = { passwordHash: options.passwordHash, companyId: options.companyId };
  const socketsPerOwner = FANOUT.sessionsPerOwner * FANOUT.socketsPerSession;
  const owners = await createUsers(owner, {
    ...users,
    tag: 'many-tabs',
    count: FANOUT.owners,
    sessionsPerUser: FANOUT.sessionsPerOwner,
    withApplication: true,
  });
  const targets: WriteTarget[] = [];
  for (const [index, person] of owners.entries()) {
    const ids = await addApplications(
      owner,
      person.applicationId!,
      FANOUT.applicationsPerOwner - 1,
    );
    for (const applicationId of ids) {
      targets.push({ user: index, userId: person.userId, applicationId });
    }
  }
  // Round-robin over owners first, so consecutive writes go to different people.
  targets.sort((a, b) => a.applicationId.localeCompare(b.applicationId));
  const [resumer] = await createUsers(owner, {
    ...users,
    tag: 'resumer',
    count: 1,
    sessionsPerUser: 1,
    withApplication: true,
  });
  const resumeRows = await addApplications(owner, resumer!.applicationId!, RESUME.missed - 1);
  await owner`analyze`;

  const server = await startServerChild(options);
  ownChild(server);
  const writerSql = postgres(options.appUrl, {
    max: FANOUT.writerConnections,
    onnotice: () => {},
  });
  own({ release: () => writerSql.end({ timeout: 2 }).catch(() => undefined) });
  try {
    // ------------------------------------------ many sockets per owner
    const tracker = new Tracker(FANOUT.rates.reduce((a, r) => a + r, 0) * 10, socketsPerOwner);
    const fleet = new Fleet(server.wsUrl, options.origin, (seq, user, at, eventId, socket) =>
      tracker.delivered(seq, user, at, eventId, socket),
    );
    own({ release: () => fleet.terminate() });
    const specs: SocketSpec[] = [];
    owners.forEach((person, user) => {
      for (const cookie of person.cookies) {
        for (let tab = 0; tab < FANOUT.socketsPerSession; tab += 1) specs.push({ cookie, user });
      }
    });
    log(
      `fan-out: ${FANOUT.owners} owners × ${socketsPerOwner} sockets (${FANOUT.sessionsPerOwner} sessions × ${FANOUT.socketsPerSession} tabs)`,
    );
    await fleet.open(specs, 200, 60_000);
    if (fleet.started !== specs.length) {
      throw new Error(
        `fan-out: only ${fleet.started} of ${specs.length} sockets subscribed: ${fleet.failures.slice(0, 3).join('; ')}`,
      );
    }
    const writers = new Writers(writerSql, FANOUT.writerConnections, tracker, targets);
    await writers.init();
    const ctx: PhaseContext = {
      server,
      tracker,
      writers,
      postmasterPid: options.postmasterPid,
      drainMs: FANOUT.drainMs,
    };
    const steps: FanoutStep[] = [];
    for (const rate of FANOUT.rates) {
      const m = await measurePhase(ctx, rate, FANOUT.durationMs);
      steps.push({
        rate,
        achievedRate: m.run.achievedRate,
        deliveredPerSecond: m.deliveredPerSecond,
        expectedPerSecond: m.expectedPerSecond,
        latency: m.latency,
      });
      log(
        `  ${rate} writes/s (achieved ${Math.round(m.run.achievedRate)}): ${Math.round(m.deliveredPerSecond)} deliveries/s ` +
          `(expected ${Math.round(m.expectedPerSecond)}), p50/p95/p99 ${m.latency.p50.toFixed(2)} / ` +
          `${m.latency.p95.toFixed(2)} / ${m.latency.p99.toFixed(2)} ms, lost ${m.latency.lost}`,
      );
      if (m.latency.p95 >= 50) break;
    }
    writers.release();
    fleet.terminate();
    const held = Math.max(
      0,
      ...steps
        .filter((s) => s.latency.lost === 0 && s.latency.p95 < 50)
        .map((s) => s.deliveredPerSecond),
    );

    // ------------------------------------------ a reconnect that missed 100 changes
    const resume = await measureResume(server.wsUrl, options.origin, resumer!.cookies[0]!, {
      sql: writerSql,
      userId: resumer!.userId,
      rows: resumeRows,
    });
    return {
      socketsPerOwner,
      sockets: specs.length,
      steps,
      held,
      routing: {
        misrouted: tracker.misrouted,
        duplicates: tracker.duplicates,
        stray: tracker.stray,
        lost: steps.reduce((sum, s) => sum + s.latency.lost, 0),
        superseded: tracker.superseded,
        duplicateSamples: tracker.duplicateSamples,
      },
      resume,
    };
  } finally {
    await server.stop();
  }
}

function subscribeFrame(lastEventId: string | null): string {
  return JSON.stringify({
    id: 1,
    method: 'subscription',
    params: { path: 'sync.changes', input: { json: { lastEventId } } },
  });
}

/**
 * Opens a socket subscribed from `lastEventId` and calls `onFrame` with each
 * data frame's text and arrival time; resolves once the subscription started.
 */
function openSocket(
  wsUrl: string,
  origin: string,
  cookie: string,
  lastEventId: string | null,
  onFrame: (text: string, at: number) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers: { cookie }, origin, perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('open', () => ws.send(subscribeFrame(lastEventId)));
    ws.on('message', (data: WebSocket.RawData) => {
      const at = performance.now();
      const text = (data as Buffer).toString('utf8');
      if (text === 'PING') return ws.send('PONG');
      if (text.includes('"type":"started"')) return resolve(ws);
      onFrame(text, at);
    });
  });
}

async function measureResume(
  wsUrl: string,
  origin: string,
  cookie: string,
  write: { sql: postgres.Sql; userId: string; rows: string[] },
): Promise<FanoutFigures['resume']> {
  let seq = 0;
  const update = (id: string) =>
    write.sql.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${write.userId}, true)`;
      await tx`update applications set notes = ${`b${(seq += 1)}`} where id = ${id}`;
    });
  // Where the client stands: the event id of a change it received.
  let lastEventId: string | null = null;
  const first = await openSocket(wsUrl, origin, cookie, null, (text) => {
    lastEventId = eventIdInFrame.exec(text)?.[1] ?? lastEventId;
  });
  await update(write.rows[0]!);
  const deadline = Date.now() + RESUME.timeoutMs;
  while (lastEventId === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  first.terminate();
  if (lastEventId === null) throw new Error('resume: the first change never arrived');

  const times: number[] = [];
  let incomplete = 0;
  for (let run = 0; run < RESUME.runs; run += 1) {
    const from = seq;
    for (const id of write.rows) await update(id);
    const wanted = new Set(Array.from({ length: RESUME.missed }, (_, i) => from + i + 1));
    // The server's feed has read them before the client comes back.
    await new Promise((r) => setTimeout(r, 300));
    let done: (at: number) => void = () => {};
    const all = new Promise<number>((resolve) => (done = resolve));
    const t0 = performance.now();
    const ws = await openSocket(wsUrl, origin, cookie, lastEventId, (text, at) => {
      lastEventId = eventIdInFrame.exec(text)?.[1] ?? lastEventId;
      for (const match of text.matchAll(seqInFrame)) wanted.delete(Number(match[1]));
      if (wanted.size === 0) done(at);
    });
    const t1 = await Promise.race([
      all,
      new Promise<null>((r) => setTimeout(() => r(null), RESUME.timeoutMs)),
    ]);
    ws.terminate();
    if (t1 === null) incomplete += 1;
    else times.push(t1 - t0);
  }
  const latency = summarize(times, incomplete);
  log(
    `resume: ${RESUME.missed} missed changes delivered after reconnecting in p50/p95 ` +
      `${latency.p50.toFixed(1)} / ${latency.p95.toFixed(1)} ms (${RESUME.runs} runs, ${incomplete} incomplete)`,
  );
  return { missed: RESUME.missed, runs: RESUME.runs, latency, incomplete };
}
