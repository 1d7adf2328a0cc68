// Statistics every benchmark reports: nearest-rank percentiles over samples, where a
// lost sample counts as infinitely late; and the sleep their bounded waits poll with.

export interface Summary {
  n: number;
  lost: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles; `lost` samples count as +Infinity. */
export function summarize(samples: readonly number[], lost = 0): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  for (let i = 0; i < lost; i += 1) sorted.push(Number.POSITIVE_INFINITY);
  const at = (q: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { n: samples.length, lost, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** One figure of each run; a run where it never happened (NaN) counts as lost. */
export function summarizeField<T>(runs: readonly T[], pick: (run: T) => number): Summary {
  const values = runs.map(pick);
  const finite = values.filter((v) => Number.isFinite(v));
  return summarize(finite, values.length - finite.length);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
