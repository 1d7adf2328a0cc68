// The open-file limit the server raises at start (open-files.ts), tried in a
// child process whose soft limit was first lowered: it comes back up to the
// hard limit (and the hard one up to fs.nr_open where the process may), and
// without prlimit on PATH the server still starts, only saying so.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RaisedLimit } from '../src/open-files';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const linux = existsSync('/proc/self/limits');

/** Runs raiseOpenFileLimit() in a fresh process after lowering its soft limit to 256. */
function raiseInChild(path: string): RaisedLimit {
  const script = `
    import { execFileSync } from 'node:child_process';
    execFileSync('prlimit', ['--pid=' + process.pid, '--nofile=256:'], { stdio: 'ignore' });
    process.env.PATH = ${JSON.stringify(path)};
    const { raiseOpenFileLimit } = await import('./src/open-files.ts');
    console.log(JSON.stringify(raiseOpenFileLimit()));
  `;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: serverDir,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as RaisedLimit;
}

let hasPrlimit = false;
try {
  execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
  hasPrlimit = true;
} catch {
  hasPrlimit = false;
}

describe.skipIf(!linux || !hasPrlimit)('the open-file limit at start', () => {
  it('raises the soft limit to the hard one, and says so', () => {
    const raised = raiseInChild(process.env.PATH ?? '');
    expect(raised.before?.soft).toBe(256);
    expect(raised.after?.soft).toBe(raised.after?.hard);
    expect(raised.after!.hard).toBeGreaterThanOrEqual(raised.before!.hard);
    expect(raised.line).toMatch(/^open files: raised from 256 \(hard \d+\) to \d+ \(hard \d+\)/);
  });

  it('starts anyway where it cannot raise it (no prlimit), and says so', () => {
    const raised = raiseInChild('/nonexistent');
    expect(raised.after?.soft).toBe(256);
    expect(raised.line).toContain('could not raise it');
  });
});
