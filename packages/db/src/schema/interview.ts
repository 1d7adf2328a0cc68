// Interviews scheduled for an application.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from './application';
import { applicationChildPolicies } from './policies';
import { createdAt, id, updatedAt } from './columns';

export const interviewKind = pgEnum('interview_kind', [
  'phone_screen',
  'technical',
  'onsite',
  'behavioral',
  'final',
  'other',
]);
export const interviewOutcome = pgEnum('interview_outcome', ['pending', 'passed', 'failed']);

export const interviews = pgTable(
  'interviews',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes'),
    kind: interviewKind('kind').notNull().default('other'),
    locationOrLink: text('location_or_link'),
    notes: text('notes'),
    outcome: interviewOutcome('outcome').notNull().default('pending'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'interviews_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    index('interviews_application_idx').on(t.applicationId, t.scheduledAt),
    index('interviews_user_scheduled_idx').on(t.userId, t.scheduledAt),
    check(
      'interviews_duration_range',
      sql`${t.durationMinutes} is null or ${t.durationMinutes} between 1 and 1440`,
    ),
    ...applicationChildPolicies('interview', t.userId, t.applicationId),
  ],
);

export type Interview = typeof interviews.$inferSelect;
