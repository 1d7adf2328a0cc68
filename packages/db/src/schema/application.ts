// Job applications and their stage history. The history is written only by a
// trigger (see migrations), so no code path can change a stage unrecorded.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from './company';
import { appRole, canRead, canWrite, currentUserId } from './roles';
import { applicationReadPolicy } from './policies';
import { ownerId, users } from './user';
import { createdAt, id, updatedAt } from './columns';

export const STAGES = [
  'interested',
  'applied',
  'interviewing',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
  // A closing stage (issue 13): applied, no reply for GHOSTED_AFTER_DAYS.
  // Postgres appends enum values, so 'ghosted' stays last here too.
  'ghosted',
] as const;
export type Stage = (typeof STAGES)[number];

/** Stages that end an application: no reply is expected any more. */
export const CLOSING_STAGES = ['accepted', 'rejected', 'withdrawn', 'ghosted'] as const;

export const stage = pgEnum('application_stage', STAGES);
export const workArrangement = pgEnum('work_arrangement', ['remote', 'hybrid', 'onsite']);
export const employmentType = pgEnum('employment_type', [
  'full_time',
  'part_time',
  'contract',
  'freelance',
  'internship',
]);
export const priority = pgEnum('priority', ['low', 'medium', 'high']);
export const changedBy = pgEnum('changed_by', ['user', 'system']);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const ownerWrites = (userId: unknown) => sql`${userId} = ${currentUserId}`;
/** The owner, or an editor of the owner's search while the application is not private. */
const editorWrites = (userId: unknown, isPrivate: unknown) =>
  sql`${userId} = ${currentUserId} or (${canWrite(userId, 'edit')} and not ${isPrivate})`;

export const applications = pgTable(
  'applications',
  {
    id: id(),
    userId: ownerId(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    /** Copied from companies.name by trigger so the search vector can cover it. */
    companyName: text('company_name').notNull(),
    roleTitle: text('role_title').notNull(),
    jobUrl: text('job_url'),
    jobDescription: text('job_description').notNull(),
    location: text('location'),
    workArrangement: workArrangement('work_arrangement'),
    employmentType: employmentType('employment_type'),
    salaryMin: integer('salary_min'),
    salaryMax: integer('salary_max'),
    salaryCurrency: text('salary_currency'),
    priority: priority('priority').notNull().default('medium'),
    stage: stage('stage').notNull().default('interested'),
    researchCompleted: boolean('research_completed').notNull().default(false),
    resumeOptimized: boolean('resume_optimized').notNull().default(false),
    coverLetterGenerated: boolean('cover_letter_generated').notNull().default(false),
    matchScore: integer('match_score'),
    notes: text('notes'),
    source: text('source'),
    /** When the person applied; may be set in the past (the stage history follows it). */
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** Why it was rejected, asked for on the move to rejected; cleared when it moves on. */
    rejectionReason: text('rejection_reason'),
    followUpOn: date('follow_up_on'),
    /** Fractional index (fractional-indexing keys) ordering cards in a column. */
    position: text('position').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** A private application, and everything hanging off it, is its owner's alone. */
    private: boolean('private').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(role_title, '')), 'A') || setweight(to_tsvector('english', coalesce(company_name, '')), 'A') || setweight(to_tsvector('english', coalesce(job_description, '')), 'B')`,
    ),
  },
  (t) => [
    // Lets child rows carry (application_id, user_id) under one foreign key,
    // so a child's owner is always its application's owner.
    unique('applications_id_user_id_key').on(t.id, t.userId),
    uniqueIndex('applications_user_job_url_key')
      .on(t.userId, t.jobUrl)
      .where(sql`${t.jobUrl} is not null`),
    index('applications_user_stage_position_idx').on(t.userId, t.stage, t.position),
    index('applications_user_updated_idx').on(t.userId, t.updatedAt.desc()),
    index('applications_user_follow_up_idx').on(t.userId, t.followUpOn),
    index('applications_search_idx').using('gin', t.searchVector),
    check('applications_job_url_http', sql`${t.jobUrl} ~* '^https?://'`),
    check('applications_job_description_length', sql`char_length(${t.jobDescription}) >= 50`),
    check('applications_role_title_present', sql`char_length(btrim(${t.roleTitle})) > 0`),
    check(
      'applications_salary_range',
      sql`${t.salaryMin} is null or ${t.salaryMax} is null or ${t.salaryMin} <= ${t.salaryMax}`,
    ),
    check(
      'applications_salary_non_negative',
      sql`coalesce(${t.salaryMin}, 0) >= 0 and coalesce(${t.salaryMax}, 0) >= 0`,
    ),
    check('applications_rejection_reason_length', sql`char_length(${t.rejectionReason}) <= 500`),
    check('applications_match_score_range', sql`${t.matchScore} between 0 and 100`),
    check(
      'applications_resume_after_research',
      sql`not ${t.resumeOptimized} or ${t.researchCompleted}`,
    ),
    check(
      'applications_cover_letter_after_resume',
      sql`not ${t.coverLetterGenerated} or ${t.resumeOptimized}`,
    ),
    // Not pursuit.can_read_application: that reads this table, and a policy
    // on applications cannot query applications.
    pgPolicy('owner can read application', {
      for: 'select',
      to: appRole,
      using: sql`${canRead(t.userId)} and (${t.userId} = ${currentUserId} or not ${t.private})`,
    }),
    pgPolicy('owner can insert application', {
      for: 'insert',
      to: appRole,
      withCheck: ownerWrites(t.userId),
    }),
    // Who may change which column (an editor never `private` or `user_id`) is
    // checked by the applications_guard_editor trigger.
    pgPolicy('owner or editor can update application', {
      for: 'update',
      to: appRole,
      using: editorWrites(t.userId, t.private),
      withCheck: editorWrites(t.userId, t.private),
    }),
    pgPolicy('owner can delete application', {
      for: 'delete',
      to: appRole,
      using: ownerWrites(t.userId),
    }),
  ],
);

export const applicationStageHistory = pgTable(
  'application_stage_history',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    fromStage: stage('from_stage'),
    toStage: stage('to_stage').notNull(),
    note: text('note'),
    /** The rejection reason given with a move to rejected. */
    reason: text('reason'),
    changedBy: changedBy('changed_by').notNull().default('user'),
    /** When it happened: now, or the backdated applied_at for the move to applied. */
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who made the change (the owner or an editor); null for the system or a deleted account. */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    foreignKey({
      name: 'application_stage_history_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    index('application_stage_history_application_idx').on(t.applicationId, t.changedAt),
    // Insights read a person's whole history in one pass.
    index('application_stage_history_user_changed_idx').on(t.userId, t.changedAt),
    // Written only by the stage trigger (SECURITY DEFINER); people only read it.
    applicationReadPolicy('stage history', t.userId, t.applicationId),
  ],
);

export type Application = typeof applications.$inferSelect;
export type StageHistoryEntry = typeof applicationStageHistory.$inferSelect;
