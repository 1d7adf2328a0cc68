// The server as `pnpm start` runs it (boot.ts: databases, job worker and
// crontab, live hub, HTTP + WebSocket) minus the web app, for the SIGKILL
// fault test: it needs a real process to kill. Settings come from the
// environment (DATABASE_URL, APP_DATABASE_URL, PORT, HOST, ORIGIN).
import { createPursuit, runUntilSignal } from '../../src/boot';
import { readEnv } from '../../src/env';

const env = readEnv();
const log = (line: string) => {
  if (env.logLevel !== 'silent') console.log(`[fault-server] ${line}`);
};
await runUntilSignal(createPursuit({ env, log, serve: {} }), 'fault-server', log);
console.log(`listening ${env.port}`);
