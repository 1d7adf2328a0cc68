// `pnpm worker`: the job worker (generations and the housekeeping crontab)
// alone, for scaling out. Run web instances with WORKER=off and as many of these as needed.
import { createPursuit, runUntilSignal } from './boot';
import { readEnv } from './env';

const env = readEnv();
const log = (line: string) => {
  if (env.logLevel !== 'silent') console.log(`[pursuit-worker] ${line}`);
};

if (!env.databaseUrl) {
  // The embedded database belongs to the server process that started it.
  console.error(
    '[pursuit-worker] failed to start: pnpm worker needs DATABASE_URL; with the embedded database the server runs the worker itself.',
  );
  process.exit(1);
}
await runUntilSignal(createPursuit({ env, log, work: true }), 'pursuit-worker', log);
log('worker running');
