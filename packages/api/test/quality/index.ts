// The quality evaluation's entry for the benchmark (`pnpm bench:quality`).
export type { Subject } from './subject';
