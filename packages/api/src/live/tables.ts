// What a live change looks like to a subscriber, and how the changed rows are
// re-read under the subscriber's own RLS context (so a user only ever receives
// what their own query would return). The hub (./hub.ts) uses this.
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import {
  applicationStageHistory,
  applications,
  certifications,
  comments,
  contacts,
  documentVersions,
  documents,
  matchResults,
  quotaUsage,
  education,
  interviews,
  jobTargets,
  notifications,
  offers,
  profiles,
  projects,
  resumes,
  sentMaterials,
  shares,
  skills,
  workExperiences,
  type ChangeOp,
  type Database,
} from '@pursuit/db';

const { searchVector: _searchVector, ...applicationColumns } = getTableColumns(applications);

/** The live tables (each has a change_log trigger) and the columns sent for each. */
export const liveTables = {
  applications: { table: applications, columns: applicationColumns },
  application_stage_history: {
    table: applicationStageHistory,
    columns: getTableColumns(applicationStageHistory),
  },
  interviews: { table: interviews, columns: getTableColumns(interviews) },
  contacts: { table: contacts, columns: getTableColumns(contacts) },
  profiles: { table: profiles, columns: getTableColumns(profiles) },
  work_experiences: { table: workExperiences, columns: getTableColumns(workExperiences) },
  education: { table: education, columns: getTableColumns(education) },
  certifications: { table: certifications, columns: getTableColumns(certifications) },
  projects: { table: projects, columns: getTableColumns(projects) },
  skills: { table: skills, columns: getTableColumns(skills) },
  resumes: { table: resumes, columns: getTableColumns(resumes) },
  documents: { table: documents, columns: getTableColumns(documents) },
  document_versions: { table: documentVersions, columns: getTableColumns(documentVersions) },
  match_results: { table: matchResults, columns: getTableColumns(matchResults) },
  quota_usage: { table: quotaUsage, columns: getTableColumns(quotaUsage) },
  // Collaboration (issue 12): comments reach everyone with access; a share
  // reaches its owner and its grantee; notifications only the person told.
  comments: { table: comments, columns: getTableColumns(comments) },
  shares: { table: shares, columns: getTableColumns(shares) },
  notifications: { table: notifications, columns: getTableColumns(notifications) },
  // Follow-through (issue 13): offers and what was sent hang off an application.
  offers: { table: offers, columns: getTableColumns(offers) },
  sent_materials: { table: sentMaterials, columns: getTableColumns(sentMaterials) },
  // Issue 14: targets reach the owner and grantees like the profile tables.
  job_targets: { table: jobTargets, columns: getTableColumns(jobTargets) },
};

export type LiveTable = keyof typeof liveTables;

type RowOf<T extends LiveTable> = {
  [C in keyof (typeof liveTables)[T]['columns']]: (typeof liveTables)[T]['columns'][C] extends {
    _: { data: infer D; notNull: infer N };
  }
    ? N extends true
      ? D
      : D | null
    : never;
};

export type LiveChange = {
  [T in LiveTable]: { table: T; op: ChangeOp; id: string; row: RowOf<T> | null };
}[LiveTable];

/** Tells the client it may have missed changes and should reload its views. */
export interface ResyncChange {
  table: '*';
  op: 'resync';
  id: null;
  row: null;
}

export type SyncEvent = LiveChange | ResyncChange;

export function isLiveTable(name: string): name is LiveTable {
  return Object.hasOwn(liveTables, name);
}

/** A re-read row and its version: the xmin of the tuple read, which changes on every write. */
export interface VersionedRow {
  row: Record<string, unknown>;
  version: string;
}

/** What to re-read: per user, per live table, the changed row ids. */
export type LiveReads = ReadonlyMap<string, ReadonlyMap<LiveTable, readonly string[]>>;

/** Per user: `table:id` → the row as that user's RLS shows it. Unreadable or gone rows are absent. */
export type LiveRows = Map<string, Map<string, VersionedRow>>;

interface ReadPlan {
  text: string;
  columns: [key: string, column: Column][];
}

const readPlans = new Map<LiveTable, ReadPlan>();

/**
 * The re-read of one live table as plain SQL: its sent columns by their
 * database names, plus the tuple's xmin. The identifiers come from the schema
 * (never from input); the ids are the one bound parameter.
 */
function readPlan(name: LiveTable): ReadPlan {
  let plan = readPlans.get(name);
  if (plan) return plan;
  const { table, columns } = liveTables[name];
  const entries = Object.entries(columns as Record<string, Column>);
  const list = entries.map(([, column]) => `t.${quoteIdentifier(column.name)}`).join(', ');
  plan = {
    text: `select ${list}, t.xmin::text as "__version" from ${quoteIdentifier(getTableName(table))} t where t.id = any($1::uuid[])`,
    columns: entries,
  };
  readPlans.set(name, plan);
  return plan;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Users re-read per transaction; the groups run in parallel on the pool. */
export const LIVE_READ_GROUP = 64;

/**
 * Reads the given rows as each user sees them: every user's statements run
 * after `set_config('app.user_id', that user)` in one transaction, sent
 * pipelined (postgres.js writes them all before the first answer comes back,
 * and Postgres runs them in the order sent), so a batch's re-reads for
 * LIVE_READ_GROUP users cost three round trips (BEGIN, the statements,
 * COMMIT) instead of four per user. RLS is
 * still the authority: each select runs under its own user's setting, and
 * the order of a pipeline is the order of the array.
 *
 * The ids travel as one uuid[] parameter however many there are (an IN list
 * binds one parameter per id, and Postgres takes at most 65,535). Values are
 * turned into what drizzle would return with each column's own mapping
 * (dates, numerics, JSON), so a live row equals the row a query returns.
 */
export async function readLiveRows(db: Database, reads: LiveReads): Promise<LiveRows> {
  const found: LiveRows = new Map();
  const users = [...reads].filter(([, wanted]) => wanted.size > 0);
  const groups: (typeof users)[] = [];
  for (let i = 0; i < users.length; i += LIVE_READ_GROUP) {
    groups.push(users.slice(i, i + LIVE_READ_GROUP));
  }
  await Promise.all(
    groups.map(async (group) => {
      // postgres.js's begin (not a hand-made pipeline on a reserved
      // connection): it ends the transaction on any failure and rejects when
      // the connection closes, where statements queued on a reserved
      // connection that died would wait forever (issue 10's Postgres restart
      // test caught it) and a released one could go back to the pool inside
      // the open transaction. BEGIN and COMMIT are a round trip each; the
      // statements between them are one, pipelined.
      const results = (await db.sql.begin('read only', (tx) =>
        group.flatMap(([userId, wanted]) => [
          tx`select set_config('app.user_id', ${userId}, true)`,
          ...[...wanted].map(([name, ids]) => tx.unsafe(readPlan(name).text, [[...ids]])),
        ]),
      )) as unknown as Record<string, unknown>[][];
      // The answers come in the order sent: per user, set_config's, then one per table.
      let at = 0;
      for (const [userId, wanted] of group) {
        at += 1;
        const rows = new Map<string, VersionedRow>();
        found.set(userId, rows);
        for (const name of wanted.keys()) {
          const { columns } = readPlan(name);
          for (const raw of results[at++]!) {
            const row: Record<string, unknown> = {};
            for (const [key, column] of columns) {
              const value = raw[column.name];
              row[key] = value == null ? null : column.mapFromDriverValue(value);
            }
            rows.set(`${name}:${String(row.id)}`, { row, version: String(raw.__version) });
          }
        }
      }
    }),
  );
  return found;
}
