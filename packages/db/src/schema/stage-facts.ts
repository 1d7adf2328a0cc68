// What the insights summary needs to know about each application's stage
// history, kept up to date by a trigger on application_stage_history
// (migration 0016), so the summary reads one narrow row per application instead
// of sorting and grouping every history row on each call (issue 13's 100 ms
// target over 10,000 applications and 30,000 history rows).
//
// Every value is derived from the application row and its history rows, and
// the triggers recompute an application's row from all of them whenever any
// history row is inserted, changed or deleted, and when the application's
// stage, applied date or source changes; so it cannot drift from them.
// People read it like the history it comes from; only the trigger writes it.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications, stage } from './application';
import { appRole, currentUserId } from './roles';

export const applicationStageFacts = pgTable(
  'application_stage_facts',
  {
    applicationId: uuid('application_id').primaryKey(),
    userId: uuid('user_id').notNull(),
    /** The application's, copied: the summary then reads no other table. */
    stage: stage('stage').notNull(),
    source: text('source'),
    private: boolean('private').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /**
     * When it was applied: the earlier of `applications.applied_at` and its
     * first step past interested; null while it never was.
     */
    appliedTime: timestamp('applied_time', { withTimezone: true }),
    /** The first step to interviewing, offer, accepted or rejected (a response). */
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    reachedInterviewing: boolean('reached_interviewing').notNull().default(false),
    reachedOffer: boolean('reached_offer').notNull().default(false),
    reachedAccepted: boolean('reached_accepted').notNull().default(false),
    /**
     * Every step the card has left, in history order, as two parallel arrays:
     * the stage and the days spent in it (fixed once it is left).
     */
    closedStages: stage('closed_stages').array().notNull(),
    closedDays: doublePrecision('closed_days').array().notNull(),
    /** The step it is in now and since when (null without history); time in it runs to now(). */
    openStage: stage('open_stage'),
    openEnteredAt: timestamp('open_entered_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: 'application_stage_facts_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    // One person's facts are read together, not by a scan of everyone's.
    index('application_stage_facts_user_idx').on(t.userId),
    // Read as the history it comes from (owner; grantees of a non-private
    // card), but written without the per-row pursuit.can_read_application
    // call (it holds subqueries, so Postgres calls it once per row: a coach's
    // summary of 10,000 cards took seconds). The card's private flag is copied
    // here, and the grant is one subquery over shares that Postgres runs once
    // per statement. sharing-rls.test.ts checks it answers as the others do.
    pgPolicy('owner can read stage facts', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId} or (not ${t.private} and ${t.userId} in (
        select s.owner_id from shares s
         where s.grantee_id = ${currentUserId} and s.revoked_at is null))`,
    }),
  ],
);

export type ApplicationStageFacts = typeof applicationStageFacts.$inferSelect;
