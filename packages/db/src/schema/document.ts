// Generated documents (research report, tailored resume, cover letter), their
// versions, match results and AI quotas. A document row is the live view of a
// generation (status, progress, the text so far); each finished generation or
// hand edit is a new immutable version.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from './application';
import { appRole, canWriteApplication, currentUserId } from './roles';
import { ownerId } from './user';
import { applicationReadPolicy } from './policies';
import { createdAt, id, updatedAt } from './columns';

/**
 * The three phases in order, then the follow-up email (issue 13), which sits
 * outside that order: it can be drafted whenever an application goes quiet.
 */
export const DOCUMENT_TYPES = [
  'research_report',
  'optimized_resume',
  'cover_letter',
  'follow_up_email',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const documentType = pgEnum('document_type', DOCUMENT_TYPES);
export const documentStatus = pgEnum('document_status', [
  'idle',
  'queued',
  'generating',
  'ready',
  'failed',
]);
export const quotaType = pgEnum('quota_type', ['ai_analysis', 'generation']);

const owner = (userId: unknown) => sql`${userId} = ${currentUserId}`;
/** The owner, or an editor (who generates on the owner's quota), of a non-private application. */
const writer = (userId: unknown, applicationId: unknown) =>
  canWriteApplication(userId, applicationId, 'edit');

export const documents = pgTable(
  'documents',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    type: documentType('type').notNull(),
    currentVersion: integer('current_version'),
    status: documentStatus('status').notNull().default('idle'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    /** The text written so far while generating; null otherwise. */
    draft: text('draft'),
    /** The queue job of the generation under way, to dedupe and cancel. */
    jobId: text('job_id'),
    generator: text('generator'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /**
     * Written every few seconds by the worker running the generation, tokens
     * or not; the sweep fails a generation only when this goes stale.
     */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'documents_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    // Lets versions and quota history carry (document_id, user_id) under one
    // foreign key, so a child's owner is always its document's owner.
    unique('documents_id_user_id_key').on(t.id, t.userId),
    unique('documents_application_type_key').on(t.applicationId, t.type),
    index('documents_user_status_idx').on(t.userId, t.status),
    check('documents_progress_range', sql`${t.progress} between 0 and 100`),
    applicationReadPolicy('document', t.userId, t.applicationId),
    pgPolicy('owner or editor can insert document', {
      for: 'insert',
      to: appRole,
      withCheck: writer(t.userId, t.applicationId),
    }),
    pgPolicy('owner or editor can update document', {
      for: 'update',
      to: appRole,
      using: writer(t.userId, t.applicationId),
      withCheck: writer(t.userId, t.applicationId),
    }),
  ],
);

export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    documentId: uuid('document_id').notNull(),
    userId: ownerId(),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    generator: text('generator').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    userEdited: boolean('user_edited').notNull().default(false),
    createdAt: createdAt(),
    /** Set when superseded (DOCUMENT_RETENTION_DAYS); the current version never expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: 'document_versions_document_fk',
      columns: [t.documentId, t.userId],
      foreignColumns: [documents.id, documents.userId],
    }).onDelete('cascade'),
    unique('document_versions_document_version_key').on(t.documentId, t.version),
    index('document_versions_expires_idx').on(t.expiresAt),
    check('document_versions_version_positive', sql`${t.version} > 0`),
    // A version has no application_id: pursuit.can_read_document asks its document.
    pgPolicy('owner can read document version', {
      for: 'select',
      to: appRole,
      using: sql`pursuit.can_read_document(${t.userId}, ${t.documentId})`,
    }),
    pgPolicy('owner or editor can insert document version', {
      for: 'insert',
      to: appRole,
      withCheck: sql`pursuit.can_write_document(${t.userId}, ${t.documentId})`,
    }),
    pgPolicy('owner or editor can update document version', {
      for: 'update',
      to: appRole,
      using: sql`pursuit.can_write_document(${t.userId}, ${t.documentId})`,
      withCheck: sql`pursuit.can_write_document(${t.userId}, ${t.documentId})`,
    }),
  ],
);

/** Where the person's profile shows a requirement: a place, and the words there. */
export interface MatchSource {
  /** "skills (Infrastructure)", "Staff Software Engineer at Confluent", "project Pursuit", … */
  where: string;
  /** The person's own words that show it, when there are some. */
  quote?: string;
}

export interface MatchItem {
  name: string;
  /** Any one of these satisfies it ("Tableau or Looker Studio"). */
  anyOf?: string[];
  kind: 'required' | 'preferred';
  shown: boolean;
  /** One readable line: "skills (Infrastructure); 'replication fetch path' at Confluent". */
  evidence: string;
  sources: MatchSource[];
  /** For an item not shown: a concrete way to address it. */
  advice?: string;
}

/** The match, explained: what was asked, what the profile shows, how the score was made. */
export interface MatchDetails {
  items: MatchItem[];
  years: { required: number | null; shown: number | null };
  seniority: { job: string | null; person: string | null };
  /** Each part 0–1, and its weight in the score (weights sum to 1). */
  parts: {
    name: 'required' | 'preferred' | 'years' | 'seniority';
    value: number;
    weight: number;
    label: string;
  }[];
  explanation: string;
}

export const matchResults = pgTable(
  'match_results',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    score: integer('score').notNull(),
    strengths: text('strengths')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    weaknesses: text('weaknesses')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    highlights: text('highlights')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    feedback: text('feedback').notNull(),
    /** Each requirement with where the profile shows it, and the score's parts. */
    details: jsonb('details').$type<MatchDetails | Record<string, never>>().notNull().default({}),
    generator: text('generator').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'match_results_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    index('match_results_application_idx').on(t.applicationId, t.createdAt),
    check('match_results_score_range', sql`${t.score} between 0 and 100`),
    applicationReadPolicy('match result', t.userId, t.applicationId),
    pgPolicy('owner or editor can insert match result', {
      for: 'insert',
      to: appRole,
      withCheck: writer(t.userId, t.applicationId),
    }),
  ],
);

export const quotaUsage = pgTable(
  'quota_usage',
  {
    id: id(),
    userId: ownerId(),
    type: quotaType('type').notNull(),
    /** Calendar month, YYYY-MM (UTC). */
    period: text('period').notNull(),
    used: integer('used').notNull().default(0),
    limit: integer('limit'),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('quota_usage_user_type_period_key').on(t.userId, t.type, t.period),
    check('quota_usage_within_limit', sql`${t.limit} is null or ${t.used} <= ${t.limit}`),
    // Account data: the owner's alone, even though an editor's generations count here.
    pgPolicy('owner can read quota usage', { for: 'select', to: appRole, using: owner(t.userId) }),
  ],
);

export const quotaHistory = pgTable(
  'quota_history',
  {
    id: id(),
    userId: ownerId(),
    type: quotaType('type').notNull(),
    period: text('period').notNull(),
    applicationId: uuid('application_id'),
    documentId: uuid('document_id'),
    createdAt: createdAt(),
  },
  (t) => [
    // The history outlives what it counted: deleting an application or a
    // document clears only that reference (the migration writes
    // ON DELETE SET NULL (column), which drizzle cannot express), never user_id.
    foreignKey({
      name: 'quota_history_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('set null'),
    foreignKey({
      name: 'quota_history_document_fk',
      columns: [t.documentId, t.userId],
      foreignColumns: [documents.id, documents.userId],
    }).onDelete('set null'),
    index('quota_history_user_idx').on(t.userId, t.createdAt),
    pgPolicy('owner can read quota history', {
      for: 'select',
      to: appRole,
      using: owner(t.userId),
    }),
  ],
);

export type Document = typeof documents.$inferSelect;
export type DocumentVersion = typeof documentVersions.$inferSelect;
export type MatchResult = typeof matchResults.$inferSelect;
