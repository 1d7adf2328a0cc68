// Settings every package's vitest config shares: the console reporter plus a
// JSON report per package that .ci/summary.mjs adds up into one closing line.
import { fileURLToPath } from 'node:url';

const reportDir = fileURLToPath(new URL('./.test-reports/', import.meta.url));

export function reporters(name: string): ['default', ['json', { outputFile: string }]] {
  return ['default', ['json', { outputFile: `${reportDir}${name}.json` }]];
}
