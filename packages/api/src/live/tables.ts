// What a live change looks like to a subscriber, and how the changed rows are
// re-read under the subscriber's own RLS context (so a user only ever receives
// what their own query would return). The hub (./hub.ts) uses this.
import { getTableColumns, sql } from 'drizzle-orm';
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
  withUser,
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

/**
 * Reads the given rows as `userId` sees them, in one transaction. Rows the
 * user may not read (or that are gone) are simply absent from the result.
 * The ids travel as one uuid[] parameter however many there are (an IN list
 * binds one parameter per id, and Postgres takes at most 65,535).
 */
export async function readLiveRows(
  db: Database,
  userId: string,
  wanted: ReadonlyMap<LiveTable, readonly string[]>,
): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  if (wanted.size === 0) return found;
  await withUser(db, userId, async (tx) => {
    for (const [name, ids] of wanted) {
      const { table, columns } = liveTables[name];
      const rows = (await tx
        .select(columns)
        .from(table)
        .where(sql`${table.id} = any(${sql.param([...ids])}::uuid[])`)) as { id: string }[];
      for (const row of rows) found.set(`${name}:${row.id}`, row);
    }
  });
  return found;
}
