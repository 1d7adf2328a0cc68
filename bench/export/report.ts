// The export benchmark's section of bench/RESULTS.md: throughput of "export
// everything" and the CSV, the server's memory while they stream, and the method.
import { int, mib } from '../lib/format';

export const SECTION = '## Export (pnpm bench:export)';

/** The medians (time, first byte) and maxima (RSS) over one kind of download. */
export interface DownloadFigures {
  ms: number;
  bytes: number;
  firstByteMs: number;
  peakRss: number;
}

export interface ExportFigures {
  date: string;
  seconds: number;
  machine: string;
  large: number;
  small: number;
  runs: number;
  sampleMs: number;
  counts: { history: number; interviews: number; contacts: number };
  json: DownloadFigures;
  csv: DownloadFigures;
  smallJson: DownloadFigures;
  idleRss: number;
  hwmAfterLarge: number;
  idleHeap: number;
  heapAfter: number;
}

export function renderSection(f: ExportFigures): string {
  return `${SECTION}

Run ${f.date} UTC in ${f.seconds} s with \`pnpm bench:export\`. Machine: ${f.machine}. Server, Postgres and the downloading client share these cores.

| figure | measured |
|---|---|
| "Export everything" JSON, ${int(f.large)} applications (${int(f.counts.history)} stage-history rows, ${int(f.counts.interviews)} interviews, ${int(f.counts.contacts)} contacts), median of ${f.runs} | ${(f.json.ms / 1000).toFixed(2)} s: **${int(f.large / (f.json.ms / 1000))} applications/s**, ${mib(f.json.bytes)} at ${(f.json.bytes / 1024 ** 2 / (f.json.ms / 1000)).toFixed(1)} MiB/s; first byte after ${f.json.firstByteMs.toFixed(0)} ms |
| Applications CSV, ${int(f.large)} rows, median of ${f.runs} | ${(f.csv.ms / 1000).toFixed(2)} s: **${int(f.large / (f.csv.ms / 1000))} rows/s**, ${mib(f.csv.bytes)} |
| Server peak RSS over the whole run (VmHWM) | **${mib(f.hwmAfterLarge)}** (idle ${mib(f.idleRss)}) |
| Server RSS while streaming, max sampled: ${int(f.small)}-application exports (${mib(f.smallJson.bytes)} each) vs ${int(f.large)}-application exports (${mib(f.json.bytes)} each) | ${mib(f.smallJson.peakRss)} vs ${mib(Math.max(f.json.peakRss, f.csv.peakRss))}: ${(f.json.bytes / f.smallJson.bytes).toFixed(0)}× the data, +${mib(Math.max(f.json.peakRss, f.csv.peakRss) - f.smallJson.peakRss)} |
| Server live JS heap after a forced GC: idle vs after all exports | ${mib(f.idleHeap)} vs ${mib(f.heapAfter)} (nothing retained) |

How it was measured:

- Fresh embedded Postgres in a temp dir (roles, database, migrations). Data seeded by SQL: job descriptions of 2–4 KB each, notes with quotes, commas and a leading \`=\` on half (so the CSV quotes and formula-guards them), a third moved through two more stages.
- The server is bench/server.ts (the server as \`pnpm start\` runs it: createPursuit, app pool 20) in its own process; this process downloads GET /export/pursuit-export.json and GET /export/applications.csv over 127.0.0.1 with the user's session cookie, reading and discarding the body.
- Order: ${f.runs} JSON exports of the ${int(f.small)}-application user, then ${f.runs} JSON and ${f.runs} CSV exports of the ${int(f.large)}-application user, one at a time. Rows/s = applications in the file ÷ wall time from sending the request to the last byte.
- RSS is read from /proc/<server pid>/status: VmHWM (the kernel's high-water mark, so no spike between samples is missed) and VmRSS sampled every ${f.sampleMs} ms during each download. The live heap is process.memoryUsage().heapUsed after global.gc() in the server (bench/server.ts stats).
- Streaming: packages/api/src/portable/export.ts reads through postgres.js cursors (64 rows per fetch) in one REPEATABLE READ READ ONLY transaction as the user (RLS applies) and yields ~32 KiB text pieces; apps/server pipes them to the response with backpressure.
`;
}
