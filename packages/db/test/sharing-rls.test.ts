// The row-level security matrix of issue 12: every user-data table × every
// operation × each person's place in one owner's search (owner, viewer,
// commenter, editor, a revoked grantee, a stranger), all as the request role.
// The owner has a public application A and a private application P, each with
// its interviews, contacts, documents, versions, match results, stage history
// and comments, so every cell also says what happens to private rows.
//
// Each attempt runs in its own transaction that is rolled back, so the owner's
// rows stay as seeded and every cell starts from the same state.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import {
  createAccount,
  INSUFFICIENT_PRIVILEGE,
  JOB_DESCRIPTION,
  OPERATIONS,
  pgCode,
  RESUME_CONTENT,
  seedUser,
  sessionId,
  share,
  invite,
  randomToken,
  tokenHash,
  userTables,
  type Seeded,
} from './support/rls';

const ROLES = ['owner', 'viewer', 'commenter', 'editor', 'revoked', 'stranger'] as const;
type Role = (typeof ROLES)[number];
type Operation = (typeof OPERATIONS)[number];

/*
 * What each person may do to the owner's rows. A cell is one of:
 *   all   every one of the owner's rows, the private application's included
 *   open  only rows of applications that are not private (A, not P)
 *   own   only the row about that person (their own share)
 *   —     nothing: no row read, every write refused or matching nothing
 * For insert, "the owner's rows" are a new row in the owner's search: one on A
 * and one on P where the table hangs off an application (a comment is written
 * as its author, a read mark as its reader; everything else for the owner).
 * A revoked grantee is a stranger. Nobody deletes what has no DELETE grant
 * (history, documents and their versions, comments: soft delete), not even
 * the owner; quotas, shares and notifications are written by functions and
 * triggers only.
 */
// prettier-ignore
const MATRIX: Record<string, Record<Operation, string>> = {
  //                          owner  viewer  commenter  editor  revoked  stranger
  users: {
    select:                  'all    —       —          —       —        —',
    insert:                  '—      —       —          —       —        —', // an account not one's own
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  sessions: {
    select:                  'all    —       —          —       —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  profiles: {
    select:                  'all    all     all        all     —        —',
    insert:                  '—      —       —          —       —        —', // made by sign-up's trigger
    update:                  'all    —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  applications: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          open    —        —',
    delete:                  'all    —       —          —       —        —',
  },
  application_stage_history: {
    select:                  'all    open    open       open    —        —',
    insert:                  '—      —       —          —       —        —', // its trigger only
    update:                  '—      —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  application_stage_facts: {
    select:                  'all    open    open       open    —        —',
    insert:                  '—      —       —          —       —        —', // the history's trigger only
    update:                  '—      —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  interviews: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  'all    —       —          open    —        —',
    delete:                  'all    —       —          —       —        —',
  },
  contacts: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  'all    —       —          open    —        —',
    delete:                  'all    —       —          —       —        —',
  },
  work_experiences: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  education: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  certifications: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  projects: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  skills: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  job_targets: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  resumes: {
    select:                  'all    all     all        all     —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  documents: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  'all    —       —          open    —        —',
    delete:                  '—      —       —          —       —        —', // with their application
  },
  document_versions: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  'all    —       —          open    —        —', // expires_at only
    delete:                  '—      —       —          —       —        —',
  },
  match_results: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  '—      —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  quota_usage: {
    select:                  'all    —       —          —       —        —',
    insert:                  '—      —       —          —       —        —', // consume_quota(_for) only
    update:                  '—      —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  quota_history: {
    select:                  'all    —       —          —       —        —',
    insert:                  '—      —       —          —       —        —',
    update:                  '—      —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  shares: { // the owner's active shares (with the viewer, the commenter and the editor)
    select:                  'all    own     own        own     —        —',
    insert:                  '—      —       —          —       —        —', // accept_invitation only
    update:                  'all    own     own        own     —        —', // revoke / leave
    delete:                  '—      —       —          —       —        —', // history stays
  },
  share_invitations: {
    select:                  'all    —       —          —       —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  '—      —       —          —       —        —', // accept_invitation only
    delete:                  'all    —       —          —       —        —', // cancel
  },
  comments: { // the owner's own comments on A and P
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       open       open    —        —',
    update:                  'all    —       —          —       —        —', // only the author edits
    delete:                  '—      —       —          —       —        —', // soft delete: deleted_at
  },
  comment_reads: { // marking A and P read: each person's own row
    select:                  'all    —       —          —       —        —',
    insert:                  'all    open    open       open    —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
  notifications: { // the owner's notifications
    select:                  'all    —       —          —       —        —',
    insert:                  '—      —       —          —       —        —', // triggers only
    update:                  'all    —       —          —       —        —', // read_at
    delete:                  'all    —       —          —       —        —',
  },
  // Follow-through (issue 13).
  offers: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  'all    —       —          open    —        —',
    delete:                  'all    —       —          —       —        —',
  },
  sent_materials: {
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          open    —        —',
    update:                  'all    —       —          open    —        —',
    delete:                  'all    —       —          —       —        —',
  },
  calendar_feeds: { // a secret of its owner's: nobody else, whatever their grant
    select:                  'all    —       —          —       —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  embeddings: { // written by the embedding job as the owner; read like their application
    select:                  'all    open    open       open    —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  'all    —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  api_tokens: { // a script's secret: its owner reads and revokes it, nobody updates it
    select:                  'all    —       —          —       —        —',
    insert:                  'all    —       —          —       —        —',
    update:                  '—      —       —          —       —        —',
    delete:                  'all    —       —          —       —        —',
  },
  user_analytics: { // written by the daily task as the owner role only
    select:                  'all    —       —          —       —        —',
    insert:                  '—      —       —          —       —        —',
    update:                  '—      —       —          —       —        —',
    delete:                  '—      —       —          —       —        —',
  },
};

/** The owner's search and the people around it. */
interface World {
  owner: Seeded;
  privateApplicationId: string;
  privateDocumentId: string;
  people: Record<Role, string>;
}

type Variant = 'public' | 'private';

interface RoleFixture {
  /** Which of the owner's rows are the targets (SQL over alias x), beyond belonging to the owner. */
  where?: string;
  /** The application a row hangs off (SQL over alias x), when it hangs off one. */
  application?: string;
  /** The person a row is about, for 'own' (shares: the grantee). */
  about?: string;
  /** `set` clause of the update probe. */
  set: string;
  /** A new row in the owner's search written by `actor`, on A or P; must return a row. */
  insert(w: World, actor: string, variant: Variant): SQL;
}

const appOf = (w: World, v: Variant) =>
  v === 'public' ? w.owner.applicationId : w.privateApplicationId;
const docOf = (w: World, v: Variant) => (v === 'public' ? w.owner.documentId : w.privateDocumentId);

const fixtures: Record<string, RoleFixture> = {
  users: {
    set: `display_name = 'probe'`,
    insert: () =>
      sql`insert into users (id, email, password_hash, display_name)
          values (${randomUUID()}, ${`${randomUUID()}@example.com`}, 'x', 'probe') returning 1`,
  },
  sessions: {
    set: `user_agent = 'probe'`,
    insert: (w) =>
      sql`insert into sessions (id, user_id, expires_at)
          values (${sessionId()}, ${w.owner.userId}, now() + interval '1 day') returning 1`,
  },
  profiles: {
    set: `headline = 'probe'`,
    insert: (w) => sql`insert into profiles (user_id) values (${w.owner.userId}) returning 1`,
  },
  applications: {
    application: 'x.id',
    set: `notes = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into applications (user_id, company_id, company_name, role_title, job_description, position, private)
          values (${w.owner.userId}, ${w.owner.companyId}, 'Acme', 'Probe', ${JOB_DESCRIPTION}, 'a9', ${v === 'private'})
          returning 1`,
  },
  application_stage_history: {
    application: 'x.application_id',
    set: `note = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into application_stage_history (application_id, user_id, to_stage)
          values (${appOf(w, v)}, ${w.owner.userId}, 'offer') returning 1`,
  },
  application_stage_facts: {
    application: 'x.application_id',
    set: `reached_accepted = true`,
    insert: (w, _actor, v) =>
      sql`insert into application_stage_facts
            (application_id, user_id, stage, created_at, closed_stages, closed_days)
          values (${appOf(w, v)}, ${w.owner.userId}, 'interested', now(), '{}', '{}') returning 1`,
  },
  interviews: {
    application: 'x.application_id',
    set: `notes = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into interviews (application_id, user_id, scheduled_at)
          values (${appOf(w, v)}, ${w.owner.userId}, now()) returning 1`,
  },
  contacts: {
    application: 'x.application_id',
    set: `notes = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into contacts (application_id, user_id, name)
          values (${appOf(w, v)}, ${w.owner.userId}, 'Probe') returning 1`,
  },
  work_experiences: {
    set: `description = 'probe'`,
    insert: (w) =>
      sql`insert into work_experiences (user_id, company, title)
          values (${w.owner.userId}, 'Probe', 'Probe') returning 1`,
  },
  education: {
    set: `description = 'probe'`,
    insert: (w) =>
      sql`insert into education (user_id, institution) values (${w.owner.userId}, 'Probe') returning 1`,
  },
  certifications: {
    set: `credential_id = 'probe'`,
    insert: (w) =>
      sql`insert into certifications (user_id, name) values (${w.owner.userId}, 'Probe') returning 1`,
  },
  projects: {
    set: `description = 'probe'`,
    insert: (w) =>
      sql`insert into projects (user_id, name) values (${w.owner.userId}, 'Probe') returning 1`,
  },
  skills: {
    set: `years = 3`,
    insert: (w) =>
      sql`insert into skills (user_id, name) values (${w.owner.userId}, 'Probe') returning 1`,
  },
  job_targets: {
    set: `name = 'probe'`,
    insert: (w) =>
      sql`insert into job_targets (user_id, name) values (${w.owner.userId}, 'Probe') returning 1`,
  },
  resumes: {
    set: `focus_area = 'probe'`,
    insert: (w) =>
      sql`insert into resumes (user_id, name, content)
          values (${w.owner.userId}, 'Probe', ${RESUME_CONTENT}) returning 1`,
  },
  documents: {
    application: 'x.application_id',
    set: `error = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into documents (application_id, user_id, type)
          values (${appOf(w, v)}, ${w.owner.userId}, 'cover_letter') returning 1`,
  },
  document_versions: {
    application: '(select d.application_id from documents d where d.id = x.document_id)',
    set: `expires_at = now() + interval '1 day'`,
    insert: (w, _actor, v) =>
      sql`insert into document_versions (document_id, user_id, version, content, generator)
          values (${docOf(w, v)}, ${w.owner.userId}, 99, 'probe', 'probe') returning 1`,
  },
  match_results: {
    application: 'x.application_id',
    set: `feedback = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into match_results (application_id, user_id, score, feedback, generator)
          values (${appOf(w, v)}, ${w.owner.userId}, 1, 'probe', 'probe') returning 1`,
  },
  quota_usage: {
    set: `used = 0`,
    insert: (w) =>
      sql`insert into quota_usage (user_id, type, period, used)
          values (${w.owner.userId}, 'generation', '2000-01', 0) returning 1`,
  },
  quota_history: {
    set: `period = '2000-01'`,
    insert: (w) =>
      sql`insert into quota_history (user_id, type, period)
          values (${w.owner.userId}, 'generation', '2000-01') returning 1`,
  },
  shares: {
    where: 'x.revoked_at is null',
    about: 'x.grantee_id',
    set: 'revoked_at = now()',
    insert: (w, actor) =>
      sql`insert into shares (owner_id, grantee_id, role)
          values (${w.owner.userId}, ${actor}, 'editor') returning 1`,
  },
  share_invitations: {
    set: `email = 'probe@example.com'`,
    insert: (w) =>
      sql`insert into share_invitations (owner_id, role, token_hash)
          values (${w.owner.userId}, 'viewer', ${tokenHash(randomToken())}) returning 1`,
  },
  comments: {
    where: 'x.author_id = x.owner_id',
    application: 'x.application_id',
    set: `body = 'probe'`,
    insert: (w, actor, v) =>
      sql`insert into comments (owner_id, application_id, author_id, body)
          values (${w.owner.userId}, ${appOf(w, v)}, ${actor}, 'probe') returning 1`,
  },
  comment_reads: {
    application: 'x.application_id',
    set: 'read_at = now()',
    // The contract's upsert: the owner already has marks on A and P.
    insert: (w, actor, v) =>
      sql`insert into comment_reads (user_id, application_id, owner_id)
          values (${actor}, ${appOf(w, v)}, ${w.owner.userId})
          on conflict (user_id, application_id) do update set read_at = excluded.read_at
          returning 1`,
  },
  notifications: {
    set: 'read_at = now()',
    insert: (w) =>
      sql`insert into notifications (user_id, kind, summary)
          values (${w.owner.userId}, 'comment', 'probe') returning 1`,
  },
  offers: {
    application: 'x.application_id',
    set: `note = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into offers (application_id, user_id, currency, base_salary)
          values (${appOf(w, v)}, ${w.owner.userId}, 'USD', 1) returning 1`,
  },
  sent_materials: {
    application: 'x.application_id',
    set: `label = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into sent_materials (application_id, user_id, kind, label, content)
          values (${appOf(w, v)}, ${w.owner.userId}, 'cover_letter', 'probe', 'probe') returning 1`,
  },
  calendar_feeds: {
    set: `token_hash = 'probe'`,
    // One feed per person: the owner's insert replaces theirs.
    insert: (w) =>
      sql`insert into calendar_feeds (user_id, token_hash) values (${w.owner.userId}, ${tokenHash(randomToken())})
          on conflict (user_id) do update set token_hash = excluded.token_hash returning 1`,
  },
  embeddings: {
    application: 'x.application_id',
    set: `content_hash = 'probe'`,
    insert: (w, _actor, v) =>
      sql`insert into embeddings (user_id, application_id, subject_kind, model, dims, vector, bits, content_hash)
          values (${w.owner.userId}, ${appOf(w, v)}, 'application', 'probe', 2, '{1,0}'::real[], B'10', 'probe')
          returning 1`,
  },
  api_tokens: {
    set: `name = 'probe'`,
    insert: (w) =>
      sql`insert into api_tokens (user_id, name, scope, token_hash)
          values (${w.owner.userId}, 'probe', 'read', ${tokenHash(randomToken())}) returning 1`,
  },
  user_analytics: {
    set: `applications_submitted = 7`,
    insert: (w) =>
      sql`insert into user_analytics (user_id, day) values (${w.owner.userId}, '1999-01-01') returning 1`,
  },
};

let t: TestDatabase;
let w: World;

beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await seedUser(t, 'olivia');
  const people = {
    owner: owner.userId,
    viewer: await createAccount(t, 'Vic Viewer'),
    commenter: await createAccount(t, 'Cody Commenter'),
    editor: await createAccount(t, 'Eddie Editor'),
    revoked: await createAccount(t, 'Rex Revoked'),
    stranger: await createAccount(t, 'Sam Stranger'),
  };
  // The private application P, with one row in every table hanging off an application.
  const { privateApplicationId, privateDocumentId } = await withUser(
    t.app,
    owner.userId,
    async (tx) => {
      const [app] = await tx.execute<{ id: string }>(
        sql`insert into applications (user_id, company_id, company_name, role_title, job_description, position, private)
            values (${owner.userId}, ${owner.companyId}, 'x', 'Secret role', ${JOB_DESCRIPTION}, 'a1', true)
            returning id`,
      );
      const p = app!.id;
      await tx.execute(
        sql`insert into interviews (application_id, user_id, scheduled_at) values (${p}, ${owner.userId}, now())`,
      );
      await tx.execute(
        sql`insert into contacts (application_id, user_id, name) values (${p}, ${owner.userId}, 'Secret recruiter')`,
      );
      const [doc] = await tx.execute<{ id: string }>(
        sql`insert into documents (application_id, user_id, type)
            values (${p}, ${owner.userId}, 'research_report') returning id`,
      );
      await tx.execute(
        sql`insert into document_versions (document_id, user_id, version, content, generator)
            values (${doc!.id}, ${owner.userId}, 1, 'secret research', 'builtin')`,
      );
      await tx.execute(
        sql`insert into match_results (application_id, user_id, score, feedback, generator)
            values (${p}, ${owner.userId}, 70, 'secret feedback', 'builtin')`,
      );
      await tx.execute(
        sql`insert into offers (application_id, user_id, currency, base_salary)
            values (${p}, ${owner.userId}, 'EUR', 95000)`,
      );
      await tx.execute(
        sql`insert into sent_materials (application_id, user_id, kind, label, content)
            values (${p}, ${owner.userId}, 'resume', 'Secret résumé', 'secret text')`,
      );
      await tx.execute(
        sql`insert into embeddings (user_id, application_id, subject_kind, model, dims, vector, bits, content_hash)
            values (${owner.userId}, ${p}, 'application', 'm', 2, '{0.6,0.8}'::real[], B'11', 'secret')`,
      );
      return { privateApplicationId: p, privateDocumentId: doc!.id };
    },
  );
  await share(t, owner.userId, people.viewer, 'viewer');
  await share(t, owner.userId, people.commenter, 'commenter');
  await share(t, owner.userId, people.editor, 'editor');
  const revokedShare = await share(t, owner.userId, people.revoked, 'editor');
  await invite(t, owner.userId, 'commenter'); // still pending
  // Comments and read marks on A and P; the commenter's comment notifies the owner.
  await withUser(t.app, owner.userId, async (tx) => {
    for (const app of [owner.applicationId, privateApplicationId]) {
      await tx.execute(
        sql`insert into comments (owner_id, application_id, author_id, body)
            values (${owner.userId}, ${app}, ${owner.userId}, 'A note from the owner')`,
      );
      await tx.execute(
        sql`insert into comment_reads (user_id, application_id, owner_id)
            values (${owner.userId}, ${app}, ${owner.userId})`,
      );
    }
  });
  await withUser(t.app, people.commenter, (tx) =>
    tx.execute(
      sql`insert into comments (owner_id, application_id, author_id, body)
          values (${owner.userId}, ${owner.applicationId}, ${people.commenter}, 'A question')`,
    ),
  );
  // The revoked grantee was an editor and did things before the owner revoked them.
  await withUser(t.app, owner.userId, (tx) =>
    tx.execute(sql`update shares set revoked_at = now() where id = ${revokedShare}`),
  );
  w = { owner, privateApplicationId, privateDocumentId, people };
});

afterAll(async () => {
  await t?.close();
});

type Target = {
  key: string;
  private: boolean;
  about: string | null;
};

async function targetsOf(table: string): Promise<Target[]> {
  const f = fixtures[table]!;
  const owner = userTables[table]!.ownerColumn;
  const rows = await t.owner.db.execute<Target>(
    sql`select ${sql.raw(userTables[table]!.key ?? 'x.id::text')} as key,
               coalesce((select a.private from applications a
                          where a.id = ${sql.raw(f.application ?? 'null::uuid')}), false) as private,
               ${sql.raw(f.about ?? 'null')}::text as about
          from ${sql.identifier(table)} x
         where ${sql.raw(`x.${owner}`)} = ${w.owner.userId}
           and ${sql.raw(f.where ?? 'true')}
         order by 1`,
  );
  return [...rows];
}

class Rollback extends Error {}

/** Runs `query` as `userId` and rolls back: true when it returned rows, false when refused or empty. */
async function lands(userId: string, query: SQL): Promise<boolean> {
  let landed = false;
  try {
    await withUser(t.app, userId, async (tx) => {
      try {
        landed = (await tx.execute(query)).length > 0;
      } catch (error) {
        if (pgCode(error) !== INSUFFICIENT_PRIVILEGE) throw error;
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return landed;
}

/** Names what `done` (a subset of `all`) is: all, open, own, — or the exact set. */
function cell(done: string[], all: Target[], person: string): string {
  const same = (subset: Target[]) =>
    subset.length === done.length && subset.every((r) => done.includes(r.key));
  if (done.length === 0) return '—';
  if (same(all)) return 'all';
  if (same(all.filter((r) => !r.private))) return 'open';
  if (same(all.filter((r) => r.about === person))) return 'own';
  return `only ${done.join(', ')}`;
}

async function outcome(table: string, op: Operation, role: Role, targets: Target[]) {
  const person = w.people[role];
  const f = fixtures[table]!;
  const id = sql.identifier(table);
  const key = sql.raw(userTables[table]!.key ?? 'id::text');
  switch (op) {
    case 'select': {
      let seen: string[] = [];
      await withUser(t.app, person, async (tx) => {
        const rows = await tx.execute<{ key: string }>(sql`select ${key} as key from ${id}`);
        seen = rows.map((r) => r.key);
      });
      return cell(
        targets.filter((r) => seen.includes(r.key)).map((r) => r.key),
        targets,
        person,
      );
    }
    case 'insert': {
      const variants: Target[] = f.application
        ? [
            { key: 'public', private: false, about: null },
            { key: 'private', private: true, about: null },
          ]
        : [{ key: 'public', private: false, about: null }];
      const done: string[] = [];
      for (const v of variants) {
        if (await lands(person, f.insert(w, person, v.key as Variant))) done.push(v.key);
      }
      return cell(done, variants, person);
    }
    case 'update':
    case 'delete': {
      const done: string[] = [];
      for (const target of targets) {
        const query =
          op === 'update'
            ? sql`update ${id} set ${sql.raw(f.set)} where ${key} = ${target.key} returning 1`
            : sql`delete from ${id} where ${key} = ${target.key} returning 1`;
        if (await lands(person, query)) done.push(target.key);
      }
      return cell(done, targets, person);
    }
  }
}

describe('the grant matrix', () => {
  it('covers every user-data table of the cross-user matrix (rls.test.ts)', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(userTables).sort());
    expect(Object.keys(fixtures).sort()).toEqual(Object.keys(userTables).sort());
  });
});

describe.each(Object.keys(MATRIX))(
  '%s by owner, viewer, commenter, editor, revoked, stranger',
  (table) => {
    it('the owner has rows to aim at (A and P where the table hangs off an application)', async () => {
      const targets = await targetsOf(table);
      expect(targets.length, `the owner has no ${table} row`).toBeGreaterThan(0);
      if (fixtures[table]!.application) {
        expect(
          targets.some((r) => r.private),
          `no ${table} row of the private application`,
        ).toBe(true);
        expect(
          targets.some((r) => !r.private),
          `no ${table} row of the public application`,
        ).toBe(true);
      }
    });

    it.each(OPERATIONS)(`%s`, async (op) => {
      const targets = await targetsOf(table);
      const expected = Object.fromEntries(
        MATRIX[table]![op].trim()
          .split(/\s+/)
          .map((v, i) => [ROLES[i]!, v]),
      );
      const actual = Object.fromEntries(
        await Promise.all(
          ROLES.map(async (role) => [role, await outcome(table, op, role, targets)] as const),
        ),
      );
      expect(actual, `${op} on ${table}`).toEqual(expected);
    });
  },
);
