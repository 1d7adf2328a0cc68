// The fixtures of the row-level security tests: every user-data table with how
// to write a row for someone else, two seeded users, and helpers that run a
// statement as a user and report whether Postgres refused it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  applicationStageHistory,
  applications,
  certifications,
  companies,
  contacts,
  documentVersions,
  documents,
  education,
  matchResults,
  interviews,
  offers,
  sentMaterials,
  calendarFeeds,
  apiTokens,
  profiles,
  projects,
  resumes,
  sessions,
  skills,
  jobTargets,
  users,
  workExperiences,
} from '../../src/schema/index';
import { withUser, type Tx } from '../../src/client';
import type { TestDatabase } from '../../src/testing/index';

export const JOB_DESCRIPTION =
  'Build and operate the services behind a job tracker; Postgres, TypeScript and care for detail.';
export const RESUME_CONTENT = `# A base resume\n\n${'Shipped services people rely on, with Postgres and TypeScript. '.repeat(3)}`;

/** One user's fixture rows, created through the request role as the app would. */
export interface Seeded {
  userId: string;
  companyId: string;
  applicationId: string;
  documentId: string;
}

export interface TableFixture {
  /** The column naming the user who owns a row (read with the owner client). */
  ownerColumn: string;
  /** A column its owner may change; another user's attempt must change nothing. */
  probeColumn: string;
  /** The value written to probeColumn (default: a text literal). */
  probeValue?: SQL;
  /** A row's identity as text, over the table's columns (default `id::text`). */
  key?: string;
  /** Inserts a row belonging to `victim` (run under another user's context). */
  insertFor(tx: Tx, victim: Seeded): Promise<unknown>;
}

/**
 * Every table holding user data. A table missing here fails the coverage test:
 * add its policies (ENABLE + FORCE RLS) and a fixture, and it joins the matrix.
 */
export const userTables: Record<string, TableFixture> = {
  users: {
    ownerColumn: 'id',
    probeColumn: 'display_name',
    // An account that is not the current user's own.
    insertFor: (tx) =>
      tx.insert(users).values({
        id: randomUUID(),
        email: `${randomUUID()}@example.com`,
        passwordHash: 'x',
        displayName: 'Intruder',
      }),
  },
  sessions: {
    ownerColumn: 'user_id',
    probeColumn: 'user_agent',
    insertFor: (tx, victim) =>
      tx.insert(sessions).values({
        id: sessionId(),
        userId: victim.userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
  },
  profiles: {
    ownerColumn: 'user_id',
    probeColumn: 'headline',
    insertFor: (tx, victim) => tx.insert(profiles).values({ userId: victim.userId }),
  },
  applications: {
    ownerColumn: 'user_id',
    probeColumn: 'notes',
    insertFor: (tx, victim) =>
      tx.insert(applications).values({
        userId: victim.userId,
        companyId: victim.companyId,
        companyName: 'Acme',
        roleTitle: 'Planted role',
        jobDescription: JOB_DESCRIPTION,
        position: 'a5',
      }),
  },
  application_stage_history: {
    ownerColumn: 'user_id',
    probeColumn: 'note',
    insertFor: (tx, victim) =>
      tx.insert(applicationStageHistory).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        toStage: 'offer',
      }),
  },
  // Derived from the history by its trigger; nobody writes it directly.
  application_stage_facts: {
    ownerColumn: 'user_id',
    probeColumn: 'reached_accepted',
    probeValue: sql`true`,
    key: 'application_id::text',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into application_stage_facts
              (application_id, user_id, stage, created_at, closed_stages, closed_days)
            values (${victim.applicationId}, ${victim.userId}, 'interested', now(), '{}', '{}')
            on conflict (application_id) do update set reached_accepted = true`,
      ),
  },
  interviews: {
    ownerColumn: 'user_id',
    probeColumn: 'notes',
    insertFor: (tx, victim) =>
      tx.insert(interviews).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        scheduledAt: new Date(),
      }),
  },
  contacts: {
    ownerColumn: 'user_id',
    probeColumn: 'notes',
    insertFor: (tx, victim) =>
      tx.insert(contacts).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        name: 'Planted contact',
      }),
  },
  work_experiences: {
    ownerColumn: 'user_id',
    probeColumn: 'description',
    insertFor: (tx, victim) =>
      tx
        .insert(workExperiences)
        .values({ userId: victim.userId, company: 'Planted', title: 'Role' }),
  },
  education: {
    ownerColumn: 'user_id',
    probeColumn: 'description',
    insertFor: (tx, victim) =>
      tx.insert(education).values({ userId: victim.userId, institution: 'Planted University' }),
  },
  certifications: {
    ownerColumn: 'user_id',
    probeColumn: 'credential_id',
    insertFor: (tx, victim) =>
      tx.insert(certifications).values({ userId: victim.userId, name: 'Planted certificate' }),
  },
  projects: {
    ownerColumn: 'user_id',
    probeColumn: 'description',
    insertFor: (tx, victim) =>
      tx.insert(projects).values({ userId: victim.userId, name: 'Planted project' }),
  },
  skills: {
    ownerColumn: 'user_id',
    probeColumn: 'name',
    insertFor: (tx, victim) =>
      tx.insert(skills).values({ userId: victim.userId, name: `Planted ${randomUUID()}` }),
  },
  job_targets: {
    ownerColumn: 'user_id',
    probeColumn: 'name',
    insertFor: (tx, victim) =>
      tx.insert(jobTargets).values({ userId: victim.userId, name: 'Planted target' }),
  },
  resumes: {
    ownerColumn: 'user_id',
    probeColumn: 'focus_area',
    insertFor: (tx, victim) =>
      tx
        .insert(resumes)
        .values({ userId: victim.userId, name: 'Planted', content: RESUME_CONTENT }),
  },
  documents: {
    ownerColumn: 'user_id',
    probeColumn: 'error',
    insertFor: (tx, victim) =>
      tx.insert(documents).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        type: 'cover_letter',
      }),
  },
  document_versions: {
    ownerColumn: 'user_id',
    probeColumn: 'content',
    insertFor: (tx, victim) =>
      tx.insert(documentVersions).values({
        documentId: victim.documentId,
        userId: victim.userId,
        version: 99,
        content: 'planted',
        generator: 'planted',
      }),
  },
  match_results: {
    ownerColumn: 'user_id',
    probeColumn: 'feedback',
    insertFor: (tx, victim) =>
      tx.insert(matchResults).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        score: 100,
        feedback: 'planted',
        generator: 'planted',
      }),
  },
  // Quotas change only through pursuit.consume_quota; people cannot write them.
  quota_usage: {
    ownerColumn: 'user_id',
    probeColumn: 'period',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into quota_usage (user_id, type, period, used) values (${victim.userId}, 'generation', '2000-01', 0)`,
      ),
  },
  quota_history: {
    ownerColumn: 'user_id',
    probeColumn: 'period',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into quota_history (user_id, type, period) values (${victim.userId}, 'generation', '2000-01')`,
      ),
  },
  // Sharing (issue 12). Shares are written by pursuit.accept_invitation only.
  shares: {
    ownerColumn: 'owner_id',
    probeColumn: 'revoked_at',
    probeValue: sql`now()`,
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into shares (owner_id, grantee_id, role)
            values (${victim.userId}, pursuit.current_user_id(), 'editor')`,
      ),
  },
  share_invitations: {
    ownerColumn: 'owner_id',
    probeColumn: 'email',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into share_invitations (owner_id, role, token_hash)
            values (${victim.userId}, 'editor', ${tokenHash(randomToken())})`,
      ),
  },
  comments: {
    ownerColumn: 'owner_id',
    probeColumn: 'body',
    // Written as the intruder (author_id = the current user) on the victim's application.
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into comments (owner_id, application_id, author_id, body)
            values (${victim.userId}, ${victim.applicationId}, pursuit.current_user_id(), 'planted')`,
      ),
  },
  comment_reads: {
    ownerColumn: 'user_id',
    probeColumn: 'read_at',
    probeValue: sql`now() - interval '1 day'`,
    key: `user_id::text || '/' || application_id::text`,
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into comment_reads (user_id, application_id, owner_id)
            values (${victim.userId}, ${victim.applicationId}, ${victim.userId})`,
      ),
  },
  // Written by triggers only (comments, stage changes, accepted invitations).
  notifications: {
    ownerColumn: 'user_id',
    probeColumn: 'read_at',
    probeValue: sql`now()`,
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into notifications (user_id, kind, summary)
            values (${victim.userId}, 'comment', 'planted')`,
      ),
  },
  // Follow-through (issue 13).
  offers: {
    ownerColumn: 'user_id',
    probeColumn: 'note',
    insertFor: (tx, victim) =>
      tx.insert(offers).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        currency: 'USD',
        baseSalary: 1,
      }),
  },
  sent_materials: {
    ownerColumn: 'user_id',
    probeColumn: 'content',
    insertFor: (tx, victim) =>
      tx.insert(sentMaterials).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        kind: 'cover_letter',
        label: 'Planted letter',
        content: 'planted',
      }),
  },
  calendar_feeds: {
    ownerColumn: 'user_id',
    probeColumn: 'token_hash',
    key: 'user_id::text',
    insertFor: (tx, victim) =>
      tx
        .insert(calendarFeeds)
        .values({ userId: victim.userId, tokenHash: tokenHash(randomToken()) }),
  },
  // Search by meaning (issue 14): written by the embedding job as the owner.
  embeddings: {
    ownerColumn: 'user_id',
    probeColumn: 'content_hash',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into embeddings (user_id, application_id, subject_kind, model, dims, vector, bits, content_hash)
            values (${victim.userId}, ${victim.applicationId}, 'application', 'planted', 2,
                    '{1,0}'::real[], B'10', 'planted')`,
      ),
  },
  // Scripts' tokens (issue 14): the owner's alone, never updated by the app role.
  api_tokens: {
    ownerColumn: 'user_id',
    probeColumn: 'name',
    insertFor: (tx, victim) =>
      tx.insert(apiTokens).values({
        userId: victim.userId,
        name: 'Planted token',
        scope: 'write',
        tokenHash: tokenHash(randomToken()),
      }),
  },
  // Written by the daily snapshot task (as the owner role) only.
  user_analytics: {
    ownerColumn: 'user_id',
    probeColumn: 'applications_submitted',
    probeValue: sql`99`,
    key: `user_id::text || '/' || day::text`,
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into user_analytics (user_id, day) values (${victim.userId}, '2000-01-01')`,
      ),
  },
};

/** A row's identity as text in `table` (see TableFixture.key). */
export function keyOf(table: string): SQL {
  return sql.raw(userTables[table]?.key ?? 'id::text');
}

/** The value an update test writes into the fixture's probe column. */
export function probeValueOf(table: string, text: string): SQL {
  return userTables[table]?.probeValue ?? sql`${text}`;
}

/** Shared reference data: readable by any signed-in user, so not in the cross-user matrix. */
export const sharedTables = new Set(['companies']);

export const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;

export function sessionId(): string {
  return createHash('sha256').update(randomBytes(20)).digest('hex');
}

/** An invitation token as the link carries it, and the hex SHA-256 the table stores. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The SQLSTATE of a Postgres error, looking through drizzle's wrapping. */
export function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function sqlStateOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return pgCode(error) ?? `not a Postgres error: ${String(error)}`;
  }
  return undefined;
}

export const INSUFFICIENT_PRIVILEGE = '42501'; // also raised for a row-level security violation
export const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Runs `query` as `userId`. A refusal (42501: no privilege, or a policy's WITH
 * CHECK) comes back as `denied`; any other error is a broken test and is thrown.
 */
export async function attempt(
  t: TestDatabase,
  userId: string | null,
  query: SQL,
): Promise<{ denied: true } | { denied: false; rows: Record<string, unknown>[] }> {
  try {
    const rows = await withUser(t.app, userId, (tx) => tx.execute(query));
    return { denied: false, rows: [...rows] };
  } catch (error) {
    if (pgCode(error) === INSUFFICIENT_PRIVILEGE) return { denied: true };
    throw error;
  }
}

/** What the owner (BYPASSRLS) sees of `ids` in `table`: a fingerprint per row. */
export async function fingerprints(t: TestDatabase, table: string, ids: string[]) {
  const rows = await t.owner.db.execute<{ id: string; digest: string }>(
    sql`select ${keyOf(table)} as id, md5(x::text) as digest from ${sql.identifier(table)} x
         where ${keyOf(table)} in ${inList(ids)} order by 1`,
  );
  return rows.map((r) => `${r.id}:${r.digest}`);
}

export async function rowIdsOwnedBy(
  t: TestDatabase,
  table: string,
  userId: string,
): Promise<string[]> {
  const fixture = userTables[table]!;
  const rows = await t.owner.db.execute<{ id: string }>(
    sql`select ${keyOf(table)} as id from ${sql.identifier(table)}
         where ${sql.identifier(fixture.ownerColumn)} = ${userId} order by 1`,
  );
  return rows.map((r) => r.id);
}

export function inList(ids: string[]): SQL {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** An account and nothing else (sign-up as the app does it: the person inserts their own row). */
export async function createAccount(t: TestDatabase, label: string): Promise<string> {
  const userId = randomUUID();
  await withUser(t.app, userId, (tx) =>
    tx.insert(users).values({
      id: userId,
      email: `${label.replace(/\W+/g, '-')}-${userId}@example.com`,
      passwordHash: 'not-a-real-hash',
      displayName: label,
    }),
  );
  return userId;
}

/** The owner invites; returns the raw token (the link's) after inserting its hash. */
export async function invite(
  t: TestDatabase,
  ownerId: string,
  role: 'viewer' | 'commenter' | 'editor',
  expiresAt?: Date,
): Promise<string> {
  const token = randomToken();
  await withUser(t.app, ownerId, (tx) =>
    tx.execute(
      sql`insert into share_invitations (owner_id, role, token_hash, expires_at)
          values (${ownerId}, ${role}, ${tokenHash(token)},
                  coalesce(${expiresAt?.toISOString() ?? null}::timestamptz, now() + interval '7 days'))`,
    ),
  );
  return token;
}

/** `granteeId` accepts the invitation behind `token`; returns the new share's id. */
export async function accept(t: TestDatabase, granteeId: string, token: string): Promise<string> {
  const rows = await withUser(t.app, granteeId, (tx) =>
    tx.execute<{ share_id: string }>(
      sql`select share_id from pursuit.accept_invitation(${tokenHash(token)})`,
    ),
  );
  return rows[0]!.share_id;
}

/** A share from `ownerId` to `granteeId` with `role`, made as the app makes it. */
export async function share(
  t: TestDatabase,
  ownerId: string,
  granteeId: string,
  role: 'viewer' | 'commenter' | 'editor',
): Promise<string> {
  return accept(t, granteeId, await invite(t, ownerId, role));
}

/**
 * The sharing rows a seeded user owns, so the cross-user matrix covers the
 * sharing tables: a pending invitation, a share with a coach of their own
 * (which also notifies them: invitation accepted), a comment on their
 * application, and that application marked read.
 */
export async function seedSharing(t: TestDatabase, owner: Seeded, label: string): Promise<string> {
  const coachId = await createAccount(t, `${label}'s coach`);
  await invite(t, owner.userId, 'viewer');
  await share(t, owner.userId, coachId, 'commenter');
  await withUser(t.app, owner.userId, async (tx) => {
    await tx.execute(
      sql`insert into comments (owner_id, application_id, author_id, body)
          values (${owner.userId}, ${owner.applicationId}, ${owner.userId}, ${`${label}'s note to self`})`,
    );
    await tx.execute(
      sql`insert into comment_reads (user_id, application_id, owner_id)
          values (${owner.userId}, ${owner.applicationId}, ${owner.userId})`,
    );
  });
  return coachId;
}

/** Sign-up, a session, and one application with an interview and a contact: as the app does it. */
export async function seedUser(t: TestDatabase, label: string): Promise<Seeded> {
  const userId = randomUUID();
  await withUser(t.app, userId, (tx) =>
    tx.insert(users).values({
      id: userId,
      email: `${label}-${userId}@example.com`,
      passwordHash: 'not-a-real-hash',
      displayName: label,
    }),
  );
  const seeded = await withUser(t.app, userId, async (tx) => {
    await tx.insert(sessions).values({
      id: sessionId(),
      userId,
      expiresAt: new Date(Date.now() + 86_400_000),
      userAgent: `${label}'s browser`,
    });
    const [company] = await tx
      .insert(companies)
      .values({ name: `${label} Corp ${userId}` })
      .returning({ id: companies.id });
    const [application] = await tx
      .insert(applications)
      .values({
        userId,
        companyId: company!.id,
        companyName: 'ignored: copied by trigger',
        roleTitle: `${label}'s role`,
        jobDescription: JOB_DESCRIPTION,
        position: 'a0',
        notes: `${label}'s private notes`,
      })
      .returning({ id: applications.id });
    await tx.insert(interviews).values({
      applicationId: application!.id,
      userId,
      scheduledAt: new Date(),
      notes: `${label}'s interview`,
    });
    await tx.insert(contacts).values({
      applicationId: application!.id,
      userId,
      name: `${label}'s recruiter`,
    });
    // Profile data (issue 5): one row in each table, so the matrix covers them.
    await tx.insert(workExperiences).values({ userId, company: `${label} Ltd`, title: 'Engineer' });
    await tx.insert(education).values({ userId, institution: `${label} University` });
    await tx.insert(certifications).values({ userId, name: `${label}'s certificate` });
    // Issue 11: projects, so the matrix covers them too.
    await tx.insert(projects).values({ userId, name: `${label}'s project`, keywords: ['Go'] });
    await tx.insert(skills).values({ userId, name: 'TypeScript' });
    await tx.insert(resumes).values({ userId, name: `${label}'s resume`, content: RESUME_CONTENT });
    // Documents (issue 6): a document with a version, a match result, and a
    // unit of quota taken through the one function allowed to write quotas.
    const [document] = await tx
      .insert(documents)
      .values({ applicationId: application!.id, userId, type: 'research_report' })
      .returning({ id: documents.id });
    await tx.insert(documentVersions).values({
      documentId: document!.id,
      userId,
      version: 1,
      content: `${label}'s research`,
      generator: 'builtin',
    });
    await tx.insert(matchResults).values({
      applicationId: application!.id,
      userId,
      score: 50,
      feedback: `${label}'s feedback`,
      generator: 'builtin',
    });
    await tx.execute(
      sql`select pursuit.consume_quota('generation', null, ${application!.id}::uuid, ${document!.id}::uuid)`,
    );
    // Follow-through (issue 13): an offer, what was sent, a calendar feed.
    await tx.insert(offers).values({
      applicationId: application!.id,
      userId,
      currency: 'EUR',
      baseSalary: 90_000,
      note: `${label}'s offer`,
    });
    await tx.insert(sentMaterials).values({
      applicationId: application!.id,
      userId,
      kind: 'resume',
      label: `${label}'s resume`,
      content: RESUME_CONTENT,
    });
    await tx.insert(calendarFeeds).values({ userId, tokenHash: tokenHash(randomToken()) });
    // Search by meaning (issue 14): the application's vector.
    await tx.execute(
      sql`insert into embeddings (user_id, application_id, subject_kind, model, dims, vector, bits, content_hash)
          values (${userId}, ${application!.id}, 'application', 'm', 2, '{0.6,0.8}'::real[], B'11', ${label})`,
    );
    // Issue 14: a job target.
    await tx.insert(jobTargets).values({ userId, name: `${label}'s target`, titles: ['Engineer'] });
    await tx.insert(apiTokens).values({
      userId,
      name: `${label}'s script`,
      scope: 'read',
      tokenHash: tokenHash(randomToken()),
    });
    return {
      userId,
      companyId: company!.id,
      applicationId: application!.id,
      documentId: document!.id,
    };
  });
  // A daily snapshot, written as the scheduled task writes it: by the owner role.
  await t.owner.sql`insert into user_analytics (user_id, day, applications_submitted)
                    values (${userId}, current_date, 1)`;
  return seeded;
}
