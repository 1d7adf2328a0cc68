// Projects the person did outside (or alongside) a job: JSON Resume's
// `projects`. The generators read their description, highlights and keywords
// as evidence, like a job's achievements and technologies.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerPolicies } from './policies';
import { isPartialDate, notBefore, partialDate } from './partial-date';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

export const projects = pgTable(
  'projects',
  {
    id: id(),
    userId: ownerId(),
    name: text('name').notNull(),
    description: text('description'),
    highlights: text('highlights')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Technologies and topics (JSON Resume keywords). */
    keywords: text('keywords')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** What the person was on it ("Maintainer", "Team lead"). */
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    url: text('url'),
    startDate: partialDate('start_date'),
    endDate: partialDate('end_date'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_user_position_idx').on(t.userId, t.position),
    check('projects_name_present', sql`char_length(btrim(${t.name})) > 0`),
    check('projects_start_date_format', isPartialDate(t.startDate)),
    check('projects_end_date_format', isPartialDate(t.endDate)),
    check('projects_end_after_start', notBefore(t.endDate, t.startDate)),
    check('projects_url_http', sql`${t.url} is null or ${t.url} ~* '^https?://'`),
    ...ownerPolicies('project', t.userId),
  ],
);

export type Project = typeof projects.$inferSelect;
