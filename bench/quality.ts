// `pnpm bench:quality`: issue 11's figures for the document generators on the
// labelled set in packages/api/test/fixtures/quality (23 pasted job
// descriptions × 8 JSON Resume profiles, each pair with a fit label):
// extraction precision and recall, required vs preferred, false gaps,
// invented facts, Spearman against the fit labels, cover-letter words and
// generation time per document. The built-in generator always; with
// OPENAI_BASE_URL set (OPENAI_API_KEY, OPENAI_MODEL optional), an
// OpenAI-compatible endpoint too, side by side (QUALITY_CONCURRENCY pairs in
// flight, default 2).
//
// Prints the figures and the offending cases, and writes
// "## Quality (pnpm bench:quality)" into bench/RESULTS.md.
import { cpus, release, totalmem } from 'node:os';
import {
  builtinSubject,
  evaluate,
  formatCases,
  formatTable,
  loadOpenAISubject,
  loadQualitySet,
  type QualityReport,
  type QualitySet,
  type Subject,
} from '@pursuit/api/testing/quality';
import { runDate, writeSection } from './lib/results';
import { elapsedSeconds, log, runBenchmark } from './lib/run';

const SECTION = '## Quality (pnpm bench:quality)';
const RUN_LIMIT_MS = 60 * 60_000;

async function run(subject: Subject, set: QualitySet, concurrency = 1): Promise<QualityReport> {
  log(`${subject.name}: ${set.jobs.length} jobs × ${set.profiles.length} profiles`);
  const step = Math.max(1, Math.round((set.jobs.length * set.profiles.length) / 10));
  const report = await evaluate(subject, set, {
    concurrency,
    onPair: (done, total) => {
      if (done % step === 0 || done === total) log(`${subject.name}: ${done}/${total} pairs`);
    },
  });
  log(`${subject.name}: done`);
  return report;
}

function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} cores (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const set = loadQualitySet();
  const reports = [await run(builtinSubject(), set)];

  const baseURL = process.env.OPENAI_BASE_URL;
  if (baseURL) {
    const subject = await loadOpenAISubject({
      baseURL,
      apiKey: process.env.OPENAI_API_KEY || undefined,
      model: process.env.OPENAI_MODEL || undefined,
    });
    reports.push(await run(subject, set, Number(process.env.QUALITY_CONCURRENCY ?? 2)));
  } else {
    log('OPENAI_BASE_URL is not set: the built-in generator only');
  }

  const table = formatTable(reports);
  const section = `${SECTION}

Run ${runDate()} UTC in ${Math.round(elapsedSeconds())} s with \`pnpm bench:quality\`. Machine: ${machine()}.

${set.jobs.length} job descriptions pasted the way people paste them × ${set.profiles.length} profiles (the four @jsonresume/schema examples and four outside software), labels in packages/api/test/fixtures/quality/labels.json. Times are per call, in this process.

${table}
`;
  const file = writeSection(SECTION, section);
  process.stdout.write(`${section}\n${reports.map((r) => formatCases(r)).join('\n\n')}\n`);
  log(`wrote ${file}`);
}

await runBenchmark(main, RUN_LIMIT_MS);
