// The documents benchmark's section of bench/RESULTS.md: the pure functions' times,
// end-to-end waits for a document without and with pacing, and how they were measured.
import { int, p50p95 } from '../lib/format';
import { summarizeField, type Summary } from '../measure';
import type { GenerationRun } from './generate';
import { PURE_WARMUP_ROUNDS, type DocumentType, type Fixture, type PureFigures } from './pure';

export const SECTION = '## Documents (pnpm bench:docs)';

/** Milliseconds with the unit: two decimals below 10, one below 100, else none; n/a when never seen. */
export const ms = (v: number) =>
  !Number.isFinite(v)
    ? 'n/a'
    : v < 10
      ? `${v.toFixed(2)} ms`
      : v < 100
        ? `${v.toFixed(1)} ms`
        : `${v.toFixed(0)} ms`;
const pair = (s: Summary) => p50p95(s, ms);
const LABEL: Record<PureFigures['perType'][number]['type'], string> = {
  research_report: 'Research report',
  optimized_resume: 'Tailored resume',
  cover_letter: 'Cover letter',
  follow_up_email: 'Follow-up email',
  analyzeMatch: 'Match analysis (analyzeMatch)',
  extractRequirements: 'of which: requirement extraction alone (extractRequirements)',
};

export interface DocsFigures {
  date: string;
  seconds: number;
  machine: string;
  pure: PureFigures;
  /** The counted unpaced runs of every type. */
  runs: GenerationRun[];
  warmup: GenerationRun;
  paced: GenerationRun;
  pacedLater: GenerationRun;
  pacedWarmup: GenerationRun;
  counts: { versions: number; matches: number };
  errorFrames: number;
  fixture: Fixture;
  person: { skills: number; experiences: number; resume: boolean };
  buildNote: string;
}

export function renderSection(f: DocsFigures): string {
  const { date, seconds, machine, pure, runs, warmup, paced, pacedLater, pacedWarmup } = f;
  const { counts, errorFrames, fixture, person, buildNote } = f;
  const report = runs.filter((r) => r.type === 'research_report');
  const laterRuns = (type: DocumentType) => runs.filter((r) => r.type === type);
  const pureRows = pure.perType
    .map(
      (t) =>
        `| ${LABEL[t.type]} | ${pair(t.time)} | ${ms(t.time.max)} (${t.slowest}) | ${t.type === 'analyzeMatch' ? `score ${int(t.words.p50)} (median)` : t.type === 'extractRequirements' ? `${int(t.words.p50)} requirements (median)` : `${int(t.words.p50)} words (median; ${int(t.words.max)} max)`} |`,
    )
    .join('\n');
  const e2eRow = (label: string, list: GenerationRun[]) =>
    `| ${label} (${list.length} runs) | ${pair(summarizeField(list, (r) => r.enqueue))} | ${pair(summarizeField(list, (r) => r.generating))} | **${pair(summarizeField(list, (r) => r.ready))}** |`;
  return `${SECTION}

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
- t0 just before the \`document.generate\` request is sent by the first session; "ready" is the first frame for that document with status "ready" and a version above the previous one. Runs are sequential (each waits for the last to be ready), every one a regeneration making a new version; the first generation of each type is a warm-up, not counted (research report warm-up: ${ms(warmup.ready)}). ${counts.versions} versions and ${counts.matches} match results were stored in all; ${errorFrames} error frames. In ${runs.filter((r) => !Number.isFinite(r.generating)).length} of the ${runs.length} counted runs the second client never saw status "generating" (the feed sends the row as it is when delivered, so a quick job can go from "queued" straight to "ready"); such a run counts as n/a (infinitely late) in that column.
- The paced runs are on a second server process started on the same database with BUILTIN_WORDS_PER_SECOND empty (the default, 150 words/s), after one paced tailored-resume generation to warm it (not counted: first draft text ${ms(pacedWarmup.firstDraft)}, ready ${ms(pacedWarmup.ready)}); times from t0 as above; "first draft text" is the first frame whose \`draft\` is non-empty; "most in one second" counts this document's frames (status changes and draft writes) in any 1 s window as received (the pipeline starts at most one draft write per 100 ms). Web app: ${buildNote}.
`;
}
