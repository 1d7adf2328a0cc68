// Test helpers: a fresh database per test file, copied from the migrated
// template that global-setup.ts prepared, reached through the real roles.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Database } from '../client';
import { ensureDatabase, urlsFor, type DatabaseUrls } from '../bootstrap';
import { TEMPLATE_DATABASE } from './global-setup';

export interface TestDatabase extends DatabaseUrls {
  name: string;
  superuserUrl: string;
  /** Request-role client (RLS applies). */
  app: Database;
  /** Owner client (for setting up fixtures and reading internal tables). */
  owner: Database;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const cluster = inject('pursuitCluster');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(cluster.superuserUrl, name, TEMPLATE_DATABASE);
  const urls = urlsFor(cluster.superuserUrl, name, cluster.passwords);
  const app = createDb(urls.appUrl, { max: 20, name: 'pursuit-test-app' });
  const owner = createDb(urls.ownerUrl, { max: 4, name: 'pursuit-test-owner' });
  return {
    ...urls,
    name,
    superuserUrl: cluster.superuserUrl,
    app,
    owner,
    async close() {
      await Promise.all([app.close(), owner.close()]);
    },
  };
}

/** Superuser URL of the same cluster, pointed at `database`. */
export function superuserUrlFor(testDb: TestDatabase): string {
  const u = new URL(testDb.superuserUrl);
  u.pathname = `/${testDb.name}`;
  return u.toString();
}
