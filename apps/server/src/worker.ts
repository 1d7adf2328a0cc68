// `pnpm worker`: the job worker alone, for scaling generation out to its own
// processes. Run web instances with WORKER=off and as many of these as needed.
import { connectDatabases } from './database';
import { startDocuments } from './documents';
import { readEnv } from './env';

const env = readEnv();
const log = (line: string) => {
  if (env.logLevel !== 'silent') console.log(`[pursuit-worker] ${line}`);
};

async function main() {
  if (!env.databaseUrl) {
    // The embedded database belongs to the server process that started it.
    throw new Error(
      'pnpm worker needs DATABASE_URL; with the embedded database the server runs the worker itself.',
    );
  }
  const databases = await connectDatabases(env, log);
  const { jobs } = await startDocuments(env.documents, databases, log, true);
  log('worker running');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    jobs
      .stop()
      .then(() => databases.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(
    '[pursuit-worker] failed to start:',
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
