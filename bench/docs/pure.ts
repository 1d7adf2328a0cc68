// Part 1 of the documents benchmark: the built-in generator's pure functions over the
// committed fixtures, in this process, interleaved rounds with each call timed alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeMatch,
  extractRequirements,
  generateBuiltin,
  type Candidate,
  type DocumentType,
  type JobPosting,
} from '@pursuit/api/server';
import { summarize, type Summary } from '../measure';

export type { DocumentType };

export const TYPES: DocumentType[] = ['research_report', 'optimized_resume', 'cover_letter'];
/** Rounds over every (fixture, profile) pair, per type; cut off by time. */
export const PURE_WARMUP_ROUNDS = 2;
const PURE_ROUNDS = 15;
const PURE_LIMIT_MS = 45_000;
const fixturesDir = fileURLToPath(
  new URL('../../packages/api/test/fixtures/generator', import.meta.url),
);

export interface Fixture {
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

export function loadFixtures(): Fixture[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const fixture = JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as Fixture;
      return {
        ...fixture,
        profiles: {
          strong: normalise(fixture.profiles.strong),
          weak: normalise(fixture.profiles.weak),
        },
      };
    });
}

export interface PureFigures {
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

export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function measurePure(fixtures: Fixture[]): PureFigures {
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
