// The set of live tables exists once: `liveTables` in src/live/tables.ts must
// name exactly the tables the migrations gave the change_log trigger, read
// from the migrated database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { liveTables } from '../../src/live/tables';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.close();
});

describe('live tables', () => {
  it('are exactly the tables whose writes the change_log trigger captures', async () => {
    const rows = await t.owner.sql<{ table: string }[]>`
      select distinct c.relname as table
        from pg_trigger tg
        join pg_class c on c.oid = tg.tgrelid
        join pg_proc p on p.oid = tg.tgfoid
        join pg_namespace pn on pn.oid = p.pronamespace
       where not tg.tgisinternal
         and pn.nspname = 'pursuit_internal'
         and p.proname = 'capture_change'
       order by 1`;
    expect(rows.map((r) => r.table)).toEqual(Object.keys(liveTables).sort());
  });
});
