// Daily snapshots of a person's search (the seed platform's user_analytics):
// written once a day by a scheduled task, so a trend survives later edits to
// the applications it counted. People read their own; only the task writes.
import { sql } from 'drizzle-orm';
import {
  date,
  integer,
  numeric,
  pgPolicy,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, currentUserId } from './roles';
import { users } from './user';

export const userAnalytics = pgTable(
  'user_analytics',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The UTC day the row describes. */
    day: date('day').notNull(),
    applicationsSubmitted: integer('applications_submitted').notNull().default(0),
    interviewsScheduled: integer('interviews_scheduled').notNull().default(0),
    offersReceived: integer('offers_received').notNull().default(0),
    documentsGenerated: integer('documents_generated').notNull().default(0),
    /** Responded ÷ applied over the whole search as of the end of that day; null before any application. */
    responseRate: numeric('response_rate', { precision: 5, scale: 4, mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'user_analytics_pkey', columns: [t.userId, t.day] }),
    pgPolicy('person can read own analytics', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
  ],
);

export type UserAnalytics = typeof userAnalytics.$inferSelect;
