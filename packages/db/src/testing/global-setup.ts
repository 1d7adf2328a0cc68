// vitest globalSetup: one embedded Postgres cluster per test run, with a
// migrated template database that each test file copies (fast, isolated).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, ensureRoles, urlsFor } from '../bootstrap';
import { startEmbeddedCluster } from '../embedded';
import { runMigrations } from '../migrate';

export const TEMPLATE_DATABASE = 'pursuit_template';

export interface TestCluster {
  superuserUrl: string;
  passwords: { owner: string; app: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pursuitCluster: TestCluster;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pursuit-test-'));
  const cluster = await startEmbeddedCluster({ dataDir });
  await ensureRoles(cluster.superuserUrl, cluster.passwords);
  await ensureDatabase(cluster.superuserUrl, TEMPLATE_DATABASE);
  await runMigrations(urlsFor(cluster.superuserUrl, TEMPLATE_DATABASE, cluster.passwords).ownerUrl);
  project.provide('pursuitCluster', {
    superuserUrl: cluster.superuserUrl,
    passwords: cluster.passwords,
  });
  return async () => {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
