// Runs a Subject over every job × profile pair of the labelled set and
// computes the figures: extraction precision and recall, required vs
// preferred, false gaps, invented facts, Spearman against the fit labels,
// cover-letter words and matched skills named, and generation time per type.
import type { DocumentType as AnyDocumentType, MatchResult } from '../../src/server';

/** The three phase documents the set is judged on (the follow-up email is not). */
type DocumentType = Exclude<AnyDocumentType, 'follow_up_email'>;
import { inventedFacts, type InventedFact } from './facts';
import type { QualityJob, QualityProfile, QualitySet } from './load';
import { alternatives, lexiconSkillsIn, namesAny, normalizeName } from './skills';
import { mean, percentile, spearman } from './stats';
import type { Subject } from './subject';

/** A requirement as the subject read it. */
export interface ExtractedItem {
  name: string;
  anyOf?: string[];
  required: boolean;
}

/** A subject that can also say which requirements it read from a job (the built-in one can). */
export interface EvaluatedSubject extends Subject {
  requirements?(posting: QualityJob['posting']): Promise<ExtractedItem[]>;
}

/** One requirement as the match judged it against the person. */
export interface JudgedItem {
  name: string;
  anyOf?: string[];
  /** Unknown when the match reports no details (only strengths and weaknesses). */
  kind?: 'required' | 'preferred';
  shown: boolean;
}

/** Where the requirements the extraction figures use came from. */
export type ExtractionSource = 'requirements' | 'match details' | 'strengths and weaknesses';

export interface PairResult {
  job: string;
  profile: string;
  fit: number;
  score: number;
  items: JudgedItem[];
  /** The requirements the extraction figures judged for this pair. */
  requirements: ExtractedItem[];
  coverLetterWords: number;
  /** Matched required items, and those of them the cover letter names. */
  matchedRequired: string[];
  namedInCoverLetter: string[];
}

export interface FalseGap {
  job: string;
  profile: string;
  item: string;
}

export interface InventedCase extends InventedFact {
  job: string;
  profile: string;
  document: 'optimized_resume' | 'cover_letter';
}

export interface JobExtraction {
  job: string;
  precision: number;
  recall: number;
  /** Labels no extracted item matched. */
  missed: string[];
  /** Extracted items no label matched. */
  extra: string[];
}

export interface Timing {
  n: number;
  median: number;
  p95: number;
}

export interface QualityReport {
  subject: string;
  pairs: number;
  extraction: {
    source: ExtractionSource;
    precision: number;
    recall: number;
    perJob: JobExtraction[];
  };
  requiredPreferred: {
    /** Share of correctly extracted items whose required/preferred matches the label; NaN if unknown. */
    accuracy: number;
    judged: number;
    wrong: { job: string; item: string; said: string; label: string }[];
  };
  falseGaps: { rate: number; count: number; notShown: number; cases: FalseGap[] };
  invented: {
    count: number;
    byKind: Record<InventedFact['kind'], number>;
    cases: InventedCase[];
  };
  spearman: number;
  /**
   * The highest Spearman any scorer with distinct scores can reach on these
   * labels: with most pairs labelled 1, a perfect ordering of the classes still
   * spreads the poor fits over many ranks while their label ranks tie.
   */
  spearmanCeiling: number;
  /** Of all two pairs whose labels differ, the share the score orders the same way. */
  concordance: number;
  /** Jobs whose highest score goes to a profile with the job's best fit label. */
  bestFitFirst: { jobs: number; of: number };
  coverLetter: {
    words: { min: number; median: number; max: number };
    /** Share of cover letters with 200–350 words. */
    inRange: number;
    /** Matched required items the cover letter names ÷ matched required items. */
    matchedRequiredNamed: number;
  };
  /** Milliseconds per call. */
  timing: Record<DocumentType | 'match', Timing>;
  results: PairResult[];
}

export interface EvaluateOptions {
  /** Pairs in flight at once (an HTTP subject may take more than one). Default 1. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each pair, for progress lines. */
  onPair?: (done: number, total: number, result: PairResult) => void;
}

export const COVER_LETTER_WORDS = { min: 200, max: 350 } as const;

const DOCUMENT_TYPES: DocumentType[] = ['research_report', 'optimized_resume', 'cover_letter'];

/** Words as a reader counts them: Markdown marks aside, anything with a letter or digit. */
export function countWords(markdown: string): number {
  return markdown
    .replace(/[#*_>`|]/g, ' ')
    .split(/\s+/)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

type WithDetails = MatchResult & {
  details?: {
    items?: { name: string; anyOf?: string[]; kind?: string; shown: boolean }[];
  };
};

/** The match's items: its details when it reports them, else strengths (shown) and weaknesses. */
export function judgedItems(result: MatchResult): { items: JudgedItem[]; detailed: boolean } {
  const details = (result as WithDetails).details;
  if (details?.items) {
    return {
      detailed: true,
      items: details.items.map((item) => ({
        name: item.name,
        ...(item.anyOf?.length ? { anyOf: item.anyOf } : {}),
        ...(item.kind === 'required' || item.kind === 'preferred' ? { kind: item.kind } : {}),
        shown: item.shown,
      })),
    };
  }
  return {
    detailed: false,
    items: [
      ...result.strengths.map((name) => ({ name, shown: true })),
      ...result.weaknesses.map((name) => ({ name, shown: false })),
    ],
  };
}

const namesOf = (item: { name: string; anyOf?: string[] }) =>
  [item.name, ...(item.anyOf ?? [])].map(normalizeName);

/** Whether an extracted item stands for a label "A | B": any of its names is one of the label's. */
export function itemMatchesLabel(item: { name: string; anyOf?: string[] }, label: string): boolean {
  const wanted = new Set(alternatives(label));
  return namesOf(item).some((name) => wanted.has(name));
}

function extractionOf(job: string, items: ExtractedItem[], set: QualitySet) {
  const label = set.labels.jobs[job]!;
  const labels = [
    ...label.required.map((name) => ({ name, required: true })),
    ...label.preferred.map((name) => ({ name, required: false })),
  ];
  const matched = items.map((item) => labels.filter((l) => itemMatchesLabel(item, l.name)));
  const found = labels.filter((l) => items.some((item) => itemMatchesLabel(item, l.name)));
  const correct = matched.filter((m) => m.length > 0).length;
  return {
    perJob: {
      job,
      precision: items.length ? correct / items.length : 0,
      recall: labels.length ? found.length / labels.length : 1,
      missed: labels.filter((l) => !found.includes(l)).map((l) => l.name),
      extra: items.filter((_, i) => matched[i]!.length === 0).map((item) => item.name),
    } satisfies JobExtraction,
    // Required vs preferred, over the items that matched a label.
    kinds: items.flatMap((item, i) => {
      const hits = matched[i]!;
      if (!hits.length) return [];
      const ok = hits.some((l) => l.required === item.required);
      return [{ item: item.name, ok, said: item.required, label: hits[0]!.required }];
    }),
  };
}

async function timed<T>(work: () => Promise<T>, into: number[]): Promise<T> {
  const started = performance.now();
  const value = await work();
  into.push(performance.now() - started);
  return value;
}

const timing = (samples: number[]): Timing => ({
  n: samples.length,
  median: percentile(samples, 0.5),
  p95: percentile(samples, 0.95),
});

/** Runs every pair through the subject and computes the report. Throws when the subject does. */
export async function evaluate(
  subject: EvaluatedSubject,
  set: QualitySet,
  options: EvaluateOptions = {},
): Promise<QualityReport> {
  const { signal } = options;
  const times: Record<DocumentType | 'match', number[]> = {
    match: [],
    research_report: [],
    optimized_resume: [],
    cover_letter: [],
  };

  // The subject's own reading of each job, when it offers one.
  const extractedByJob = new Map<string, ExtractedItem[]>();
  if (subject.requirements) {
    for (const job of set.jobs) {
      extractedByJob.set(job.id, await subject.requirements(job.posting));
    }
  }

  const pairs = set.jobs.flatMap((job) => set.profiles.map((profile) => ({ job, profile })));
  const results = new Array<PairResult>(pairs.length);
  const documents = new Map<number, Record<DocumentType, string>>();
  let detailedAll = true;
  let done = 0;

  const runPair = async (index: number) => {
    const { job, profile } = pairs[index]!;
    signal?.throwIfAborted();
    try {
      const match = await timed(
        () => subject.match(profile.candidate, job.posting, signal),
        times.match,
      );
      const docs = {} as Record<DocumentType, string>;
      for (const type of DOCUMENT_TYPES) {
        docs[type] = await timed(
          () => subject.document(type, profile.candidate, job.posting, signal),
          times[type],
        );
      }
      documents.set(index, docs);
      const { items, detailed } = judgedItems(match);
      if (!detailed) detailedAll = false;
      results[index] = pairResult(job, profile, set, match, items, docs.cover_letter);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${subject.name}: ${job.id} × ${profile.id}: ${message}`, { cause: error });
    }
    done += 1;
    options.onPair?.(done, pairs.length, results[index]);
  };

  let next = 0;
  const worker = async () => {
    while (next < pairs.length) await runPair(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));

  // Extraction: the subject's own reading, else what each pair's match judged.
  const source: ExtractionSource = subject.requirements
    ? 'requirements'
    : detailedAll
      ? 'match details'
      : 'strengths and weaknesses';
  const perJob: JobExtraction[] = [];
  const kinds: { job: string; item: string; ok: boolean; said: boolean; label: boolean }[] = [];
  for (const job of set.jobs) {
    const observed = extractedByJob.has(job.id)
      ? [extractedByJob.get(job.id)!]
      : results.filter((r) => r.job === job.id).map((r) => r.requirements);
    const runs = observed.map((items) => extractionOf(job.id, items, set));
    perJob.push({
      job: job.id,
      precision: mean(runs.map((r) => r.perJob.precision)),
      recall: mean(runs.map((r) => r.perJob.recall)),
      missed: [...new Set(runs.flatMap((r) => r.perJob.missed))],
      extra: [...new Set(runs.flatMap((r) => r.perJob.extra))],
    });
    // Item kinds are only known from the subject's requirements or the match details.
    if (source !== 'strengths and weaknesses') {
      for (const run of runs) kinds.push(...run.kinds.map((k) => ({ job: job.id, ...k })));
    }
  }
  for (const result of results) {
    if (extractedByJob.has(result.job)) result.requirements = extractedByJob.get(result.job)!;
  }

  // False gaps: an item the match calls not shown that the profile's labels show.
  const falseGapCases: FalseGap[] = [];
  let notShown = 0;
  for (const result of results) {
    const shows = new Set(set.labels.profiles[result.profile]!.shows.map(normalizeName));
    for (const item of result.items.filter((i) => !i.shown)) {
      notShown += 1;
      if (namesOf(item).some((name) => shows.has(name))) {
        falseGapCases.push({ job: result.job, profile: result.profile, item: item.name });
      }
    }
  }

  // Invented facts in the two documents a person sends.
  const inventedCases: InventedCase[] = [];
  pairs.forEach(({ job, profile }, index) => {
    const docs = documents.get(index)!;
    const context = {
      candidate: profile.candidate,
      profileText: profile.text,
      shows: set.labels.profiles[profile.id]!.shows,
      posting: job.posting,
    };
    for (const document of ['optimized_resume', 'cover_letter'] as const) {
      for (const fact of inventedFacts(docs[document], context)) {
        inventedCases.push({ job: job.id, profile: profile.id, document, ...fact });
      }
    }
  });

  const words = results.map((r) => r.coverLetterWords);
  const matchedRequired = results.reduce((sum, r) => sum + r.matchedRequired.length, 0);
  const named = results.reduce((sum, r) => sum + r.namedInCoverLetter.length, 0);

  return {
    subject: subject.name,
    pairs: results.length,
    extraction: {
      source,
      precision: mean(perJob.map((j) => j.precision)),
      recall: mean(perJob.map((j) => j.recall)),
      perJob,
    },
    requiredPreferred: {
      accuracy: kinds.length ? kinds.filter((k) => k.ok).length / kinds.length : Number.NaN,
      judged: kinds.length,
      wrong: kinds
        .filter((k) => !k.ok)
        .map((k) => ({
          job: k.job,
          item: k.item,
          said: k.said ? 'required' : 'preferred',
          label: k.label ? 'required' : 'preferred',
        })),
    },
    falseGaps: {
      rate: notShown ? falseGapCases.length / notShown : 0,
      count: falseGapCases.length,
      notShown,
      cases: falseGapCases,
    },
    invented: {
      count: inventedCases.length,
      byKind: {
        skill: inventedCases.filter((c) => c.kind === 'skill').length,
        number: inventedCases.filter((c) => c.kind === 'number').length,
        employer: inventedCases.filter((c) => c.kind === 'employer').length,
      },
      cases: inventedCases,
    },
    spearman: spearman(
      results.map((r) => r.score),
      results.map((r) => r.fit),
    ),
    spearmanCeiling: spearman(
      results.map((r, index) => r.fit * results.length + index),
      results.map((r) => r.fit),
    ),
    concordance: concordance(results),
    bestFitFirst: bestFitFirst(results),
    coverLetter: {
      words: {
        min: Math.min(...words),
        median: percentile(words, 0.5),
        max: Math.max(...words),
      },
      inRange:
        words.filter((w) => w >= COVER_LETTER_WORDS.min && w <= COVER_LETTER_WORDS.max).length /
        words.length,
      matchedRequiredNamed: matchedRequired ? named / matchedRequired : Number.NaN,
    },
    timing: {
      match: timing(times.match),
      research_report: timing(times.research_report),
      optimized_resume: timing(times.optimized_resume),
      cover_letter: timing(times.cover_letter),
    },
    results,
  };
}

function pairResult(
  job: QualityJob,
  profile: QualityProfile,
  set: QualitySet,
  match: MatchResult,
  items: JudgedItem[],
  coverLetter: string,
): PairResult {
  const label = set.labels.jobs[job.id]!;
  // Required and shown: from the item's kind, or (without details) from the labels.
  const requiredShown = items.filter((item) =>
    item.kind
      ? item.kind === 'required' && item.shown
      : item.shown && label.required.some((l) => itemMatchesLabel(item, l)),
  );
  const inLetter = lexiconSkillsIn(coverLetter);
  return {
    job: job.id,
    profile: profile.id,
    fit: set.labels.fit[job.id]![profile.id]!,
    score: match.score,
    items,
    // What the match judged, until the subject's own reading (if any) replaces it.
    requirements: items.map((item) => ({
      name: item.name,
      ...(item.anyOf ? { anyOf: item.anyOf } : {}),
      required: item.kind === 'required',
    })),
    coverLetterWords: countWords(coverLetter),
    matchedRequired: requiredShown.map((item) => item.name),
    namedInCoverLetter: requiredShown
      .filter((item) => namesAny(coverLetter, [item.name, ...(item.anyOf ?? [])], inLetter))
      .map((item) => item.name),
  };
}

/** Of every two pairs whose fit labels differ, the share whose scores differ the same way. */
export function concordance(results: readonly { score: number; fit: number }[]): number {
  let agree = 0;
  let total = 0;
  for (const a of results)
    for (const b of results) {
      if (a.fit <= b.fit) continue;
      total += 1;
      if (a.score > b.score) agree += 1;
    }
  return total === 0 ? Number.NaN : agree / total;
}

/** Per job, whether the top score went to a profile with that job's best label. */
export function bestFitFirst(results: readonly { job: string; score: number; fit: number }[]): {
  jobs: number;
  of: number;
} {
  const jobs = [...new Set(results.map((r) => r.job))];
  let hits = 0;
  for (const job of jobs) {
    const rows = results.filter((r) => r.job === job);
    const bestLabel = Math.max(...rows.map((r) => r.fit));
    const top = Math.max(...rows.map((r) => r.score));
    if (rows.filter((r) => r.score === top).every((r) => r.fit === bestLabel)) hits += 1;
  }
  return { jobs: hits, of: jobs.length };
}
