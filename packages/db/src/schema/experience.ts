// Work history: the roles the generators draw on, in the order the person
// chose (position). "Current" means the role has no end date yet.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerPolicies } from './policies';
import { isPartialDate, notBefore, partialDate } from './partial-date';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

export const workExperiences = pgTable(
  'work_experiences',
  {
    id: id(),
    userId: ownerId(),
    company: text('company').notNull(),
    title: text('title').notNull(),
    location: text('location'),
    startDate: partialDate('start_date'),
    endDate: partialDate('end_date'),
    isCurrent: boolean('is_current').notNull().default(false),
    description: text('description'),
    achievements: text('achievements')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    technologies: text('technologies')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Display order within the user's list, 0 first. */
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('work_experiences_user_position_idx').on(t.userId, t.position),
    check('work_experiences_company_present', sql`char_length(btrim(${t.company})) > 0`),
    check('work_experiences_title_present', sql`char_length(btrim(${t.title})) > 0`),
    check('work_experiences_start_date_format', isPartialDate(t.startDate)),
    check('work_experiences_end_date_format', isPartialDate(t.endDate)),
    check('work_experiences_end_after_start', notBefore(t.endDate, t.startDate)),
    check('work_experiences_current_has_no_end', sql`not ${t.isCurrent} or ${t.endDate} is null`),
    ...ownerPolicies('work experience', t.userId),
  ],
);

export type WorkExperience = typeof workExperiences.$inferSelect;
