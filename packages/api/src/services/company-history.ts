// What a person already did at a company, shown before they add another
// application there ("You applied here in March 2026 — rejected after the
// technical interview"). Companies match by a normalised name, so "Acme, Inc."
// and "ACME" are the same employer; RLS decides which applications count.
import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { interviewKind } from '@pursuit/db';
import { applications, CLOSING_STAGES, type Stage, type Tx } from '@pursuit/db';
import { readableOwner } from './access';

export type InterviewKind = (typeof interviewKind.enumValues)[number];

/**
 * Legal-form words dropped from the end of a company name ("Acme Pty Ltd" →
 * "acme"). Only trailing words go, so "Co-op Bank" or "Limited Brands Group" keep theirs.
 */
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'se',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'pty',
  'pte',
  'kk',
  'holdings',
]);

/**
 * The form two names of one employer share: lower case, accents kept,
 * punctuation gone ("J.P." → "jp", "AT&T" → "att"), a leading "the" and
 * trailing legal forms (Inc, LLC, Ltd, GmbH, …) dropped. "Acme, Inc.", "ACME"
 * and "acme inc" all give "acme"; "Acme Robotics" stays "acme robotics".
 */
export function normaliseCompanyName(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    // Marks inside a word join it (J.P., AT&T, O'Reilly); anything else separates words.
    .replace(/[.'’&]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const kept = [...words];
  if (kept.length > 1 && kept[0] === 'the') kept.shift();
  while (kept.length > 1 && LEGAL_SUFFIXES.has(kept.at(-1)!)) kept.pop();
  return kept.join(' ') || words.join(' ');
}

export interface CompanyHistoryEntry {
  id: string;
  roleTitle: string;
  stage: Stage;
  appliedAt: Date | null;
  createdAt: Date;
  /** When it reached its closing stage (accepted, rejected, withdrawn, ghosted); null while open. */
  closedAt: Date | null;
  rejectionReason: string | null;
  /** The kind of the last interview held before it closed (or before now while open). */
  lastInterviewKind: InterviewKind | null;
}

const INTERVIEW_NAMES: Record<InterviewKind, string> = {
  phone_screen: 'phone screen',
  technical: 'technical interview',
  onsite: 'onsite interview',
  behavioral: 'behavioral interview',
  final: 'final interview',
  other: 'interview',
};

const DAY_MS = 86_400_000;

function monthOf(date: Date): string {
  return date.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** How one application went, after the dash: "rejected after the technical interview". */
function outcome(entry: CompanyHistoryEntry, now: Date): string {
  const after = entry.lastInterviewKind
    ? ` after the ${INTERVIEW_NAMES[entry.lastInterviewKind]}`
    : '';
  const waited = () => {
    const from = entry.appliedAt ?? entry.createdAt;
    const to = entry.closedAt ?? now;
    return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
  };
  switch (entry.stage) {
    case 'interested':
      return 'not applied';
    case 'applied':
      return `no reply yet after ${days(waited())}`;
    case 'interviewing':
      return entry.lastInterviewKind
        ? `interviewing (last: the ${INTERVIEW_NAMES[entry.lastInterviewKind]})`
        : 'interviewing';
    case 'offer':
      return 'you have an offer';
    case 'accepted':
      return 'you accepted their offer';
    case 'rejected':
      return `rejected${after}`;
    case 'withdrawn':
      return `you withdrew${after}`;
    case 'ghosted':
      return `no reply after ${days(waited())}`;
  }
}

/** "applied here in March 2026 — rejected after …" without the subject. */
function clause(entry: CompanyHistoryEntry, now: Date, here: string): string {
  if (entry.stage === 'interested' && !entry.appliedAt) {
    return `saved a role${here} in ${monthOf(entry.createdAt)} and did not apply`;
  }
  return `applied${here} in ${monthOf(entry.appliedAt ?? entry.createdAt)} — ${outcome(entry, now)}`;
}

/**
 * One sentence on a person's history with a company, newest entry first in
 * `entries`; null when there is none. One application: "You applied here in
 * March 2026 — rejected after the technical interview." Several: "You have 3
 * applications here; the latest: applied in March 2026 — no reply after 45 days."
 */
export function companyHistorySummary(
  entries: readonly CompanyHistoryEntry[],
  now: Date = new Date(),
): string | null {
  const [latest] = entries;
  if (!latest) return null;
  if (entries.length === 1) return `You ${clause(latest, now, ' here')}.`;
  return `You have ${entries.length} applications here; the latest: ${clause(latest, now, '')}.`;
}

export interface CompanyHistoryInput {
  companyName: string;
  ownerId?: string | undefined;
  excludeId?: string | undefined;
}

/**
 * The names `ownerId`'s applications give the company `companyName` names
 * ("Acme, Inc." for "ACME"), as RLS lets the caller see them. A person has few
 * distinct company names even with many applications, so the names are
 * compared here, by the one normalising function.
 */
export async function sameCompanyNames(
  tx: Tx,
  ownerId: string,
  companyName: string,
): Promise<string[]> {
  const key = normaliseCompanyName(companyName);
  if (!key) return [];
  const names = await tx
    .selectDistinct({ name: applications.companyName })
    .from(applications)
    .where(eq(applications.userId, ownerId));
  return names.map((n) => n.name).filter((name) => normaliseCompanyName(name) === key);
}

/** Entries listed at most (a person rarely has more than a handful at one company). */
const ENTRY_LIMIT = 50;

/**
 * The owner's applications at the same company (by normalised name), newest
 * first, with a sentence summing them up. A grantee sees what RLS shows them
 * (never a private application).
 */
export async function companyHistory(tx: Tx, userId: string, input: CompanyHistoryInput) {
  const ownerId = await readableOwner(tx, userId, input.ownerId);
  const same = await sameCompanyNames(tx, ownerId, input.companyName);
  if (same.length === 0) return { entries: [], summary: null };

  const filters: SQL[] = [
    eq(applications.userId, ownerId),
    inArray(applications.companyName, same),
  ];
  if (input.excludeId) filters.push(ne(applications.id, input.excludeId));
  const closing = sql.join(
    CLOSING_STAGES.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = await tx
    .select({
      id: applications.id,
      roleTitle: applications.roleTitle,
      stage: applications.stage,
      appliedAt: applications.appliedAt,
      createdAt: applications.createdAt,
      rejectionReason: applications.rejectionReason,
      // Qualified by hand: drizzle leaves a one-table select's columns bare,
      // and a bare "id" inside this subquery would be the history row's.
      closedAt: sql<Date | null>`(
        select max(h.changed_at) from application_stage_history h
         where h.application_id = applications.id and h.to_stage = applications.stage
           and applications.stage::text in (${closing}))`.mapWith(applications.appliedAt),
    })
    .from(applications)
    .where(and(...filters))
    .orderBy(
      desc(sql`coalesce(${applications.appliedAt}, ${applications.createdAt})`),
      desc(applications.id),
    )
    .limit(ENTRY_LIMIT);
  const kinds = await lastInterviewKinds(
    tx,
    rows.map((r) => ({ id: r.id, before: r.closedAt })),
  );
  const entries: CompanyHistoryEntry[] = rows.map((row) => ({
    ...row,
    lastInterviewKind: kinds.get(row.id) ?? null,
  }));
  return { entries, summary: companyHistorySummary(entries) };
}

/** Per application, the kind of the last interview scheduled before `before` (or now). */
async function lastInterviewKinds(
  tx: Tx,
  apps: { id: string; before: Date | null }[],
): Promise<Map<string, InterviewKind>> {
  const found = new Map<string, InterviewKind>();
  if (apps.length === 0) return found;
  const wanted = sql.join(
    apps.map((a) => sql`(${a.id}::uuid, ${a.before?.toISOString() ?? null}::timestamptz)`),
    sql`, `,
  );
  const rows = await tx.execute<{ application_id: string; kind: InterviewKind }>(sql`
    select distinct on (i.application_id) i.application_id, i.kind
      from (values ${wanted}) as w(id, before)
      join interviews i on i.application_id = w.id
     where i.scheduled_at <= coalesce(w.before, now())
     order by i.application_id, i.scheduled_at desc, i.id desc`);
  for (const row of rows) found.set(row.application_id, row.kind);
  return found;
}
