// Schools and degrees, in the person's chosen order.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerPolicies } from './policies';
import { isPartialDate, notBefore, partialDate } from './partial-date';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

export const education = pgTable(
  'education',
  {
    id: id(),
    userId: ownerId(),
    institution: text('institution').notNull(),
    degree: text('degree'),
    fieldOfStudy: text('field_of_study'),
    startDate: partialDate('start_date'),
    endDate: partialDate('end_date'),
    description: text('description'),
    /** Courses taken (JSON Resume education[].courses), read by the generators. */
    courses: text('courses')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('education_user_position_idx').on(t.userId, t.position),
    check('education_institution_present', sql`char_length(btrim(${t.institution})) > 0`),
    check('education_start_date_format', isPartialDate(t.startDate)),
    check('education_end_date_format', isPartialDate(t.endDate)),
    check('education_end_after_start', notBefore(t.endDate, t.startDate)),
    ...ownerPolicies('education', t.userId),
  ],
);

export type Education = typeof education.$inferSelect;
