// Number formatting shared by the benchmarks' sections. Milliseconds stay in each
// section's report module: their precision differs per benchmark, and so does the text.
import type { Summary } from '../measure';

/** A whole number with thousands separators: 10,000. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** Bytes as kB (1,000 bytes) with one decimal. */
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** "met" or "NOT met", beside a target. */
export const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** p50 / p95 of a summary in the given format. */
export const p50p95 = (s: Summary, ms: (x: number) => string): string =>
  `${ms(s.p50)} / ${ms(s.p95)}`;
