// `@pursuit/server`: the server as a library, for the bench and anything else
// that runs Pursuit in-process. The entry points (main, dev, worker) use the same.
export { createPursuit, runUntilSignal, type BootOptions, type Pursuit, type WebApp } from './boot';
export { connectDatabases, type Databases } from './database';
export { readEnv, type Env } from './env';
export {
  createPursuitServer,
  type NodeHandler,
  type PursuitServer,
  type PursuitServerOptions,
} from './http';
export { SESSION_ENDED, type Sockets } from './sockets';
