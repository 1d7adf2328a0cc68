import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../src/testing/index';

describe('smoke', () => {
  it('connects as the app role', async () => {
    const t = await createTestDatabase();
    const [row] = await t.app.sql`select current_user as u`;
    expect(row?.u).toBe('pursuit_app');
    await t.close();
  });
});
