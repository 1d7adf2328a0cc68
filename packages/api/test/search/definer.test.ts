// pursuit.search_hits and pursuit.nearest_embeddings run as the owner role
// (so the search indexes can be used under RLS) and check access themselves:
// called directly as the request role they answer only what the read
// policies would show — nothing of a stranger's search, nothing private to
// a grantee, nothing without a signed-in user.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withUser } from '@pursuit/db';
import { builtinEmbedder, hashEmbed, signBits } from '../../src/search/embedder';
import { embedSubject } from '../../src/search/embed-job';
import { setUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';
import { DATA_ENGINEER_A, DATA_ENGINEER_B } from './postings';

const world = setUp('owner', 'viewer', 'stranger');

async function hits(as: string | null, ownerId: string, word: string) {
  return withUser(world.t.app, as, (tx) =>
    tx.execute<{ kind: string; id: string }>(sql`
      select kind, id from pursuit.search_hits(${ownerId}::uuid, to_tsquery('english', ${word}),
                                               to_tsquery('simple', ${word}), ${word}, 20)`),
  );
}

async function nearest(as: string | null, ownerId: string) {
  const vector = hashEmbed(DATA_ENGINEER_A);
  return withUser(world.t.app, as, (tx) =>
    tx.execute<{ application_id: string }>(sql`
      select application_id from pursuit.nearest_embeddings(${ownerId}::uuid, ${builtinEmbedder.model},
        ${`{${vector.join(',')}}`}::real[], ${signBits(vector)}::varbit, false, null, 40)`),
  );
}

describe('the search definer functions', () => {
  it('answer the owner, a grantee without private applications, and nobody else', async () => {
    const { owner, viewer, stranger } = world;
    const open = await createApplication(owner, {
      jobDescription: DATA_ENGINEER_A,
      notes: 'capybara',
    });
    const hidden = await createApplication(owner, {
      jobDescription: DATA_ENGINEER_B,
      notes: 'capybara',
    });
    await owner.api.application.update({ id: hidden.id, version: hidden.version, private: true });
    for (const app of [open, hidden]) {
      await embedSubject(world.t.app, builtinEmbedder, {
        userId: owner.id,
        applicationId: app.id,
        documentId: null,
      });
    }
    await shareWith(owner, viewer, 'viewer');

    const ids = (rows: { id?: string; application_id?: string }[]) =>
      rows.map((r) => r.id ?? r.application_id).sort();
    expect(ids(await hits(owner.id, owner.id, 'capybara'))).toEqual([open.id, hidden.id].sort());
    expect(ids(await hits(viewer.id, owner.id, 'capybara'))).toEqual([open.id]);
    expect(await hits(stranger.id, owner.id, 'capybara')).toEqual([]);
    expect(await hits(null, owner.id, 'capybara')).toEqual([]);

    expect(ids(await nearest(owner.id, owner.id))).toEqual([open.id, hidden.id].sort());
    expect(ids(await nearest(viewer.id, owner.id))).toEqual([open.id]);
    expect(await nearest(stranger.id, owner.id)).toEqual([]);
    expect(await nearest(null, owner.id)).toEqual([]);
  });
});
