// `pnpm bench:docs`: how long the built-in generator takes, and how long a
// person waits for a document. Two parts, both bounded in count and time:
//
//   1. the pure functions: generateBuiltin for each document type and
//      analyzeMatch, over the committed fixtures (packages/api/test/fixtures/
//      generator/*.json, each job with a strong and a weak profile), in this
//      process, many iterations;
//   2. end to end: a fresh embedded Postgres and the real server
//      (apps/server/src/main.ts with its document worker) in a child process;
//      one person signs up over HTTP, fills in a profile from a fixture, adds
//      the application, and a second session of theirs listens on the
//      WebSocket (sync.changes); document.generate is called over HTTP and the
//      clock stops when that second client receives the documents row with
//      status "ready" and the new version. Without pacing
//      (BUILTIN_WORDS_PER_SECOND=0), repeated; then once with the default
//      pacing (150 words/s): first draft text and ready.
//
// Prints the figures and writes "## Documents (pnpm bench:docs)" into
// bench/RESULTS.md, leaving every other section as it is.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedDatabase, type EmbeddedCluster } from '@pursuit/db/embedded';
import postgres from 'postgres';
import WebSocket from 'ws';
import {
  analyzeMatch,
  extractRequirements,
  generateBuiltin,
  type Candidate,
  type DocumentType,
  type JobPosting,
} from '../packages/api/src/generate/index';
import { sleep, summarize, type Summary } from './measure';
import { describeMachine, writeSection } from './report';
import {
  benchDir,
  ensureWebBuild,
  repoDir,
  startPursuitMain,
  waitForWebBuild,
  type PursuitChild,
} from './setup';

const SECTION = '## Documents (pnpm bench:docs)';
const TYPES: DocumentType[] = ['research_report', 'optimized_resume', 'cover_letter'];
/** Part 1: rounds over every (fixture, profile) pair, per type; cut off by time. */
const PURE_WARMUP_ROUNDS = 2;
const PURE_ROUNDS = 15;
const PURE_LIMIT_MS = 45_000;
/** Part 2: regenerations of the research report without pacing, and of the later phases. */
const E2E_RUNS = 20;
const E2E_LATER_RUNS = 5;
const E2E_TIMEOUT_MS = 30_000;
const PACED_TIMEOUT_MS = 120_000;
const E2E_FIXTURE = 'backend-engineer';
const PASSWORD = 'bench correct horse battery';
const RUN_LIMIT_MS = 9 * 60_000;

const began = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}\n`,
  );

// ------------------------------------------------------------------ clean-up

const owned = {
  sockets: [] as WebSocket[],
  server: undefined as PursuitChild | undefined,
  client: undefined as postgres.Sql | undefined,
  cluster: undefined as EmbeddedCluster | undefined,
  tmp: undefined as string | undefined,
};
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const socket of owned.sockets) socket.terminate();
    await owned.server?.stop().catch(() => owned.server?.kill());
    await owned.client?.end({ timeout: 2 }).catch(() => undefined);
    await owned.cluster
      ?.stop()
      .catch((error: unknown) => log(`stopping Postgres failed: ${String(error)}`));
    if (owned.tmp) rmSync(owned.tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  owned.server?.kill();
  if (owned.tmp) rmSync(owned.tmp, { recursive: true, force: true });
});

// ------------------------------------------------------ part 1: pure functions

interface Fixture {
  id: string;
  job: JobPosting;
  profiles: { strong: Candidate; weak: Candidate };
}

/** Missing lists become empty, as the generator test does. */
function normalise(candidate: Candidate): Candidate {
  return {
    ...candidate,
    skills: candidate.skills ?? [],
    experiences: (candidate.experiences ?? []).map((e) => ({
      ...e,
      achievements: e.achievements ?? [],
      technologies: e.technologies ?? [],
    })),
    education: candidate.education ?? [],
    certifications: candidate.certifications ?? [],
  };
}

function loadFixtures(): Fixture[] {
  const dir = join(repoDir, 'packages/api/test/fixtures/generator');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const fixture = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture;
      return {
        ...fixture,
        profiles: {
          strong: normalise(fixture.profiles.strong),
          weak: normalise(fixture.profiles.weak),
        },
      };
    });
}

interface PureFigures {
  fixtures: number;
  pairs: number;
  rounds: number;
  perType: {
    type: DocumentType | 'analyzeMatch' | 'extractRequirements';
    time: Summary;
    words: Summary;
    slowest: string;
  }[];
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function measurePure(fixtures: Fixture[]): PureFigures {
  const pairs = fixtures.flatMap((f) =>
    (['strong', 'weak'] as const).map((p) => ({
      id: `${f.id}/${p}`,
      job: f.job,
      candidate: f.profiles[p],
    })),
  );
  const kinds = [...TYPES, 'analyzeMatch' as const, 'extractRequirements' as const];
  const run = (kind: (typeof kinds)[number], pair: (typeof pairs)[number]): number => {
    if (kind === 'analyzeMatch') return analyzeMatch(pair.candidate, pair.job).score;
    if (kind === 'extractRequirements') {
      return extractRequirements(pair.job.description, pair.job.roleTitle).requirements.length;
    }
    return words(generateBuiltin(kind, pair.candidate, pair.job));
  };
  for (let round = 0; round < PURE_WARMUP_ROUNDS; round += 1) {
    for (const kind of kinds) for (const pair of pairs) run(kind, pair);
  }
  const samples = new Map(kinds.map((k) => [k, [] as number[]]));
  const sizes = new Map(kinds.map((k) => [k, [] as number[]]));
  const slowest = new Map(kinds.map((k) => [k, { ms: 0, id: '' }]));
  const deadline = performance.now() + PURE_LIMIT_MS;
  let rounds = 0;
  // Interleaved: each round runs every type on every pair, so a slow
  // moment of the machine is spread over all of them.
  for (; rounds < PURE_ROUNDS && performance.now() < deadline; rounds += 1) {
    for (const pair of pairs) {
      for (const kind of kinds) {
        const start = performance.now();
        const size = run(kind, pair);
        const ms = performance.now() - start;
        samples.get(kind)!.push(ms);
        if (rounds === 0) sizes.get(kind)!.push(size);
        const worst = slowest.get(kind)!;
        if (ms > worst.ms) Object.assign(worst, { ms, id: pair.id });
      }
    }
  }
  return {
    fixtures: fixtures.length,
    pairs: pairs.length,
    rounds,
    perType: kinds.map((kind) => ({
      type: kind,
      time: summarize(samples.get(kind)!),
      words: summarize(sizes.get(kind)!),
      slowest: slowest.get(kind)!.id,
    })),
  };
}

// --------------------------------------------------------- part 2: the wire

class HttpError extends Error {}

/** tRPC over HTTP as a browser would call it: superjson body, Origin header. */
async function call<T>(
  base: string,
  path: string,
  input: unknown,
  cookie?: string,
): Promise<{ data: T; setCookie: string | null }> {
  const headers: Record<string, string> = { origin: base, 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ json: input }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as {
    result?: { data?: { json?: unknown } };
    error?: unknown;
  };
  if (!response.ok || !body.result) {
    throw new HttpError(
      `${path}: HTTP ${response.status} ${JSON.stringify(body.error ?? body).slice(0, 400)}`,
    );
  }
  return { data: body.result.data?.json as T, setCookie: response.headers.get('set-cookie') };
}

/** A tRPC query: GET with the superjson input in the URL. */
async function query<T>(base: string, path: string, input: unknown, cookie: string): Promise<T> {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await fetch(`${base}/trpc/${path}?input=${encoded}`, {
    headers: { cookie },
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as {
    result?: { data?: { json?: unknown } };
    error?: unknown;
  };
  if (!response.ok || !body.result) {
    throw new HttpError(
      `${path}: HTTP ${response.status} ${JSON.stringify(body.error ?? body).slice(0, 400)}`,
    );
  }
  return body.result.data?.json as T;
}

interface DocumentRow {
  id: string;
  status: string;
  progress: number;
  draft: string | null;
  currentVersion: number | null;
  jobId: string | null;
}

interface DocFrame {
  at: number;
  row: DocumentRow;
}

/** The second client: a raw tRPC WebSocket subscribed to sync.changes, keeping documents rows. */
class Listener {
  readonly frames: DocFrame[] = [];
  errorFrames = 0;
  private started = false;

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const text = data.toString();
      if (text === 'PING') {
        socket.send('PONG');
        return;
      }
      const message = JSON.parse(text) as {
        result?: {
          type: string;
          data?: { json?: { data?: { table?: string; row?: DocumentRow | null } } };
        };
        error?: unknown;
      };
      if (message.error) this.errorFrames += 1;
      if (message.result?.type === 'started') this.started = true;
      const change = message.result?.type === 'data' ? message.result.data?.json?.data : undefined;
      if (change?.table === 'documents' && change.row) this.frames.push({ at, row: change.row });
    });
  }

  static async open(wsUrl: string, origin: string, cookie: string): Promise<Listener> {
    const socket = new WebSocket(wsUrl, { headers: { cookie }, origin });
    owned.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('WebSocket did not open within 10 s')),
        10_000,
      );
      socket.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const listener = new Listener(socket);
    socket.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'sync.changes', input: { json: { lastEventId: null } } },
      }),
    );
    const deadline = performance.now() + 10_000;
    while (!listener.started && performance.now() < deadline) await sleep(5);
    if (!listener.started) throw new Error('the subscription did not start within 10 s');
    return listener;
  }

  /** Waits for a frame after index `from` matching `match`; its time, or NaN on timeout. */
  async waitFor(
    from: number,
    match: (row: DocumentRow) => boolean,
    timeoutMs: number,
  ): Promise<DocFrame | null> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.slice(from).find((f) => match(f.row));
      if (frame) return frame;
      if (performance.now() > deadline) return null;
      await sleep(2);
    }
  }

  close(): void {
    this.socket.close();
  }
}

interface GenerationRun {
  type: DocumentType;
  /** document.generate over HTTP: request sent → response read. */
  enqueue: number;
  /** First frame showing the worker picked it up (status generating), from t0. */
  generating: number;
  /** First frame with draft text, from t0 (paced runs). */
  firstDraft: number;
  /** Frame with status ready and the new version, from t0. */
  ready: number;
  version: number;
  /** Frames of this document during the run, and the most in any one second. */
  frames: number;
  maxPerSecond: number;
  words: number;
}

/** One generation as the person triggers it; the second client's view of it. */
async function generateOnce(
  base: string,
  cookie: string,
  listener: Listener,
  applicationId: string,
  type: DocumentType,
  previousVersion: number,
  timeoutMs: number,
): Promise<GenerationRun> {
  const from = listener.frames.length;
  const t0 = performance.now();
  const { data } = await call<{ documentId: string; jobId: string; deduplicated: boolean }>(
    base,
    'document.generate',
    { applicationId, type },
    cookie,
  );
  const enqueue = performance.now() - t0;
  if (data.deduplicated)
    throw new Error(`document.generate(${type}) was deduplicated: a job was still running`);
  const ready = await listener.waitFor(
    from,
    (row) =>
      row.id === data.documentId &&
      row.status === 'ready' &&
      (row.currentVersion ?? 0) > previousVersion,
    timeoutMs,
  );
  if (!ready) {
    const seen = listener.frames.slice(from).map((f) => `${f.row.status}/${f.row.currentVersion}`);
    throw new Error(
      `no "ready" for ${type} within ${timeoutMs} ms; frames seen: ${seen.join(' ') || 'none'}`,
    );
  }
  const mine = listener.frames
    .slice(from)
    .filter((f) => f.row.id === data.documentId && f.at <= ready.at);
  const generating = mine.find((f) => f.row.status === 'generating');
  const firstDraft = mine.find((f) => (f.row.draft ?? '').length > 0);
  let maxPerSecond = 0;
  for (let i = 0; i < mine.length; i += 1) {
    let n = 0;
    while (i + n < mine.length && mine[i + n]!.at - mine[i]!.at < 1000) n += 1;
    maxPerSecond = Math.max(maxPerSecond, n);
  }
  const docs = await query<{ documents: { id: string; content: string | null }[] }>(
    base,
    'document.forApplication',
    { applicationId },
    cookie,
  );
  const content = docs.documents.find((d) => d.id === data.documentId)?.content ?? '';
  return {
    type,
    enqueue,
    generating: generating ? generating.at - t0 : Number.NaN,
    firstDraft: firstDraft ? firstDraft.at - t0 : Number.NaN,
    ready: ready.at - t0,
    version: ready.row.currentVersion ?? 0,
    frames: mine.length,
    maxPerSecond,
    words: words(content),
  };
}

/** Signs up, fills in the profile from a fixture's strong profile, adds the application. */
async function preparePerson(base: string, fixture: Fixture) {
  const email = `bench-docs-${Date.now()}@example.com`;
  const { setCookie } = await call(base, 'auth.register', {
    email,
    password: PASSWORD,
    name: 'Bench Docs',
  });
  if (!setCookie) throw new Error('auth.register set no cookie');
  const cookie = setCookie.split(';')[0]!;
  const p = fixture.profiles.strong;
  await call(
    base,
    'profile.update',
    {
      firstName: p.firstName ?? null,
      lastName: p.lastName ?? null,
      headline: p.headline ?? null,
      summary: p.summary ?? null,
      location: p.location ?? null,
      yearsOfExperience: p.yearsOfExperience ?? null,
    },
    cookie,
  );
  for (const skill of p.skills) {
    await call(
      base,
      'skill.create',
      {
        name: skill.name,
        ...(skill.category ? { category: skill.category } : {}),
        proficiency: skill.proficiency ?? null,
        years: skill.years ?? null,
      },
      cookie,
    );
  }
  for (const e of p.experiences) {
    await call(
      base,
      'experience.create',
      {
        company: e.company,
        title: e.title,
        location: e.location ?? null,
        startDate: e.startDate ?? null,
        endDate: e.current ? null : (e.endDate ?? null),
        isCurrent: e.current ?? false,
        description: e.description ?? null,
        achievements: e.achievements,
        technologies: e.technologies,
      },
      cookie,
    );
  }
  if (p.primaryResume) {
    await call(
      base,
      'resume.create',
      { name: 'Primary', content: p.primaryResume, isPrimary: true },
      cookie,
    );
  }
  const { data: application } = await call<{ id: string }>(
    base,
    'application.create',
    {
      companyName: fixture.job.company,
      roleTitle: fixture.job.roleTitle,
      jobDescription: fixture.job.description,
    },
    cookie,
  );
  return {
    email,
    cookie,
    applicationId: application.id,
    skills: p.skills.length,
    experiences: p.experiences.length,
    resume: Boolean(p.primaryResume),
  };
}

/** A second session of the same person (another device), by signing in. */
async function signIn(base: string, email: string): Promise<string> {
  const { setCookie } = await call(base, 'auth.login', { email, password: PASSWORD });
  if (!setCookie) throw new Error('auth.login set no cookie');
  return setCookie.split(';')[0]!;
}

// ---------------------------------------------------------------- formatting

const ms = (v: number) =>
  !Number.isFinite(v)
    ? 'n/a'
    : v < 10
      ? `${v.toFixed(2)} ms`
      : v < 100
        ? `${v.toFixed(1)} ms`
        : `${v.toFixed(0)} ms`;
const pair = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)}`;
const int = (n: number) => Math.round(n).toLocaleString('en');
const LABEL: Record<string, string> = {
  research_report: 'Research report',
  optimized_resume: 'Tailored resume',
  cover_letter: 'Cover letter',
  analyzeMatch: 'Match analysis (analyzeMatch)',
  extractRequirements: 'of which: requirement extraction alone (extractRequirements)',
};
function summarizeField(runs: GenerationRun[], pick: (r: GenerationRun) => number): Summary {
  const values = runs.map(pick);
  const finite = values.filter((v) => Number.isFinite(v));
  return summarize(finite, values.length - finite.length);
}

// ---------------------------------------------------------------------- main

async function main(): Promise<void> {
  const fixtures = loadFixtures();
  log(`part 1: generateBuiltin and analyzeMatch over ${fixtures.length} fixtures × 2 profiles`);
  const pure = measurePure(fixtures);
  for (const t of pure.perType) {
    log(
      `${t.type}: p50 ${ms(t.time.p50)}, p95 ${ms(t.time.p95)}, max ${ms(t.time.max)} (${t.time.n} calls)`,
    );
  }

  const buildNote = await ensureWebBuild(log);
  owned.tmp = mkdtempSync(join(tmpdir(), 'pursuit-bench-docs-'));
  log(`part 2: starting a fresh embedded Postgres in ${owned.tmp}`);
  const db = await startEmbeddedDatabase({ dataDir: owned.tmp });
  owned.cluster = db.cluster;
  const owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
  owned.client = owner;
  const [{ server_version: pgVersion } = { server_version: '?' }] = await owner<
    { server_version: string }[]
  >`show server_version`;
  const machine = describeMachine(pgVersion);
  log(`machine: ${machine}`);

  const fixture = fixtures.find((f) => f.id === E2E_FIXTURE) ?? fixtures[0]!;
  const startServer = async (wordsPerSecond: string) => {
    await waitForWebBuild(180_000, log);
    const port = await freePort();
    const server = await startPursuitMain({
      ownerUrl: db.ownerUrl,
      appUrl: db.appUrl,
      port,
      env: { BUILTIN_WORDS_PER_SECOND: wordsPerSecond, AI_MONTHLY_LIMIT: '', OPENAI_BASE_URL: '' },
    });
    owned.server = server;
    return server;
  };

  // Without pacing.
  let server = await startServer('0');
  log(`server (BUILTIN_WORDS_PER_SECOND=0) ready on ${server.url}, pid ${server.pid}`);
  const person = await preparePerson(server.url, fixture);
  log(
    `signed up; profile from ${fixture.id}/strong: ${person.skills} skills, ${person.experiences} roles, resume ${person.resume}`,
  );
  let listener = await Listener.open(
    server.wsUrl,
    server.url,
    await signIn(server.url, person.email),
  );

  const versions: Record<DocumentType, number> = {
    research_report: 0,
    optimized_resume: 0,
    cover_letter: 0,
  };
  const runs: GenerationRun[] = [];
  const once = async (type: DocumentType, timeoutMs: number) => {
    const run = await generateOnce(
      server.url,
      person.cookie,
      listener,
      person.applicationId,
      type,
      versions[type],
      timeoutMs,
    );
    versions[type] = run.version;
    return run;
  };
  // The first one warms the worker and the code paths; not counted.
  const warmup = await once('research_report', E2E_TIMEOUT_MS);
  log(`warm-up: research_report ready after ${ms(warmup.ready)}`);
  const e2eDeadline = performance.now() + 3 * 60_000;
  for (let i = 0; i < E2E_RUNS && performance.now() < e2eDeadline; i += 1) {
    const run = await once('research_report', E2E_TIMEOUT_MS);
    runs.push(run);
    log(
      `research_report ${i + 1}/${E2E_RUNS}: enqueue ${ms(run.enqueue)}, generating seen ${ms(run.generating)}, ` +
        `ready seen ${ms(run.ready)} (v${run.version}, ${run.frames} frames)`,
    );
  }
  for (const type of ['optimized_resume', 'cover_letter'] as const) {
    for (let i = 0; i < E2E_LATER_RUNS + 1 && performance.now() < e2eDeadline; i += 1) {
      const run = await once(type, E2E_TIMEOUT_MS);
      if (i > 0) runs.push(run); // the first of each type warms its path
      log(`${type} ${i}/${E2E_LATER_RUNS}: ready seen ${ms(run.ready)} (v${run.version})`);
    }
  }
  const errorFramesUnpaced = listener.errorFrames;
  listener.close();
  await server.stop();
  owned.server = undefined;

  // With the default pacing (BUILTIN_WORDS_PER_SECOND unset = 150 words/s).
  server = await startServer('');
  log(`server (default pacing) ready on ${server.url}, pid ${server.pid}`);
  listener = await Listener.open(server.wsUrl, server.url, await signIn(server.url, person.email));
  // A fresh process again: one paced generation first to warm it, not counted.
  const pacedWarmup = await once('optimized_resume', PACED_TIMEOUT_MS);
  log(
    `paced warm-up (optimized_resume): first draft text ${ms(pacedWarmup.firstDraft)}, ready ${ms(pacedWarmup.ready)}`,
  );
  const paced = await once('research_report', PACED_TIMEOUT_MS);
  log(
    `paced research_report: first draft text ${ms(paced.firstDraft)}, ready ${ms(paced.ready)}, ` +
      `${paced.frames} frames (max ${paced.maxPerSecond} in one second), ${paced.words} words`,
  );
  const pacedLater = await once('cover_letter', PACED_TIMEOUT_MS);
  log(
    `paced cover_letter: first draft text ${ms(pacedLater.firstDraft)}, ready ${ms(pacedLater.ready)}`,
  );
  const errorFrames = errorFramesUnpaced + listener.errorFrames;
  listener.close();

  const [counts] = await owner<{ versions: number; matches: number }[]>`
    select (select count(*)::int from document_versions) as versions,
           (select count(*)::int from match_results) as matches`;

  // ------------------------------------------------------------- the figures
  const report = runs.filter((r) => r.type === 'research_report');
  const laterRuns = (type: DocumentType) => runs.filter((r) => r.type === type);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const seconds = Math.round((performance.now() - began) / 1000);
  const pureRows = pure.perType
    .map(
      (t) =>
        `| ${LABEL[t.type]} | ${pair(t.time)} | ${ms(t.time.max)} (${t.slowest}) | ${t.type === 'analyzeMatch' ? `score ${int(t.words.p50)} (median)` : t.type === 'extractRequirements' ? `${int(t.words.p50)} requirements (median)` : `${int(t.words.p50)} words (median; ${int(t.words.max)} max)`} |`,
    )
    .join('\n');
  const e2eRow = (label: string, list: GenerationRun[]) =>
    `| ${label} (${list.length} runs) | ${pair(summarizeField(list, (r) => r.enqueue))} | ${pair(summarizeField(list, (r) => r.generating))} | **${pair(summarizeField(list, (r) => r.ready))}** |`;
  const section = `${SECTION}

Run ${date} UTC in ${seconds} s with \`pnpm bench:docs\`. Machine: ${machine}. Everything shares these cores (in part 2: server, its document worker, Postgres and the client).

Built-in generator, pure functions in one Node process (${pure.fixtures} fixtures × strong and weak profile = ${pure.pairs} inputs; ${pure.rounds} interleaved rounds after ${PURE_WARMUP_ROUNDS} warm-up rounds; each call timed alone; the document functions include their own requirement extraction and evidence mapping):

| function | p50 / p95 per call | slowest call (input) | output |
|---|---|---|---|
${pureRows}

End to end: \`document.generate\` over HTTP → the documents row with status "ready" and the new version received by a second session's WebSocket (server without pacing, BUILTIN_WORDS_PER_SECOND=0):

| document | generate request → response, p50 / p95 | → "generating" seen by the second client | → "ready" seen by the second client |
|---|---|---|---|
${e2eRow('Research report', report)}
${e2eRow('Tailored resume', laterRuns('optimized_resume'))}
${e2eRow('Cover letter', laterRuns('cover_letter'))}

With the default pacing (150 words/s), once each:

| document | "generating" seen | first draft text seen | "ready" seen | updates of the row seen | most in one second | words |
|---|---|---|---|---|---|---|
| Research report | ${ms(paced.generating)} | ${ms(paced.firstDraft)} | **${ms(paced.ready)}** | ${paced.frames} | ${paced.maxPerSecond} | ${int(paced.words)} |
| Cover letter | ${ms(pacedLater.generating)} | ${ms(pacedLater.firstDraft)} | **${ms(pacedLater.ready)}** | ${pacedLater.frames} | ${pacedLater.maxPerSecond} | ${int(pacedLater.words)} |

How it was measured:

- Part 1 calls \`generateBuiltin(type, candidate, posting)\` and \`analyzeMatch(candidate, posting)\` from packages/api/src/generate directly, on the fixtures in packages/api/test/fixtures/generator (lists normalised as the generator test does). performance.now() around each call; nearest-rank percentiles over ${int(pure.perType[0]!.time.n)} calls per function.
- Part 2: a fresh embedded Postgres in a temp dir; the server is apps/server/src/main.ts as \`pnpm start\` runs it (web app, API, live feed and the graphile-worker document worker in one process) with DATABASE_URL / APP_DATABASE_URL pointing at that cluster, on 127.0.0.1. One person signed up over HTTP (\`auth.register\`, Origin header = ORIGIN, superjson bodies), filled in the profile from ${fixture.id}/strong (${person.skills} skills, ${person.experiences} roles, ${person.resume ? 'a primary resume' : 'no resume'}) and created the application with that fixture's posting (${int(fixture.job.description.length)} characters). A second session (\`auth.login\`) listens on a raw tRPC WebSocket subscribed to \`sync.changes\`.
- t0 just before the \`document.generate\` request is sent by the first session; "ready" is the first frame for that document with status "ready" and a version above the previous one. Runs are sequential (each waits for the last to be ready), every one a regeneration making a new version; the first generation of each type is a warm-up, not counted (research report warm-up: ${ms(warmup.ready)}). ${counts!.versions} versions and ${counts!.matches} match results were stored in all; ${errorFrames} error frames. In ${runs.filter((r) => !Number.isFinite(r.generating)).length} of the ${runs.length} counted runs the second client never saw status "generating" (the feed sends the row as it is when delivered, so a quick job can go from "queued" straight to "ready"); such a run counts as n/a (infinitely late) in that column.
- The paced runs are on a second server process started on the same database with BUILTIN_WORDS_PER_SECOND empty (the default, 150 words/s), after one paced tailored-resume generation to warm it (not counted: first draft text ${ms(pacedWarmup.firstDraft)}, ready ${ms(pacedWarmup.ready)}); times from t0 as above; "first draft text" is the first frame whose \`draft\` is non-empty; "most in one second" counts this document's frames (status changes and draft writes) in any 1 s window as received (the pipeline starts at most one draft write per 100 ms). Web app: ${buildNote}.
`;
  const file = writeSection(benchDir, SECTION, section);
  process.stdout.write(`${section}\n`);
  log(`wrote ${file}`);
}

const limit = setTimeout(() => {
  log(`run limit of ${RUN_LIMIT_MS / 1000} s reached: stopping`);
  void cleanUp().finally(() => process.exit(1));
}, RUN_LIMIT_MS);
limit.unref();

main()
  .then(cleanUp, async (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (owned.server) log(`server log:\n${owned.server.log.slice(-20).join('\n')}`);
    await cleanUp();
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(limit));
