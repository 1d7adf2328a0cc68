// Adds up the vitest JSON reports every package wrote during `pnpm test` and
// prints one closing line, "tests: N passed, N failed", for CI to read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = '.test-reports';
let passed = 0;
let failed = 0;
let skipped = 0;
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  console.error('no test reports found in .test-reports/');
  process.exit(1);
}
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${files.length} test reports`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
