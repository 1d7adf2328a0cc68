// Base resumes in Markdown, the starting point the generators tailor per job.
// At most one is primary per user: a partial unique index is the guarantee,
// and the API serialises primary changes per user so two at once both succeed.
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ownerPolicies } from './policies';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

export const RESUME_MIN_LENGTH = 100;

export const resumes = pgTable(
  'resumes',
  {
    id: id(),
    userId: ownerId(),
    name: text('name').notNull(),
    /** Markdown; rendered sanitised by the web app. */
    content: text('content').notNull(),
    focusArea: text('focus_area'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('resumes_one_primary_per_user')
      .on(t.userId)
      .where(sql`${t.isPrimary}`),
    index('resumes_user_updated_idx').on(t.userId, t.updatedAt.desc()),
    check('resumes_name_present', sql`char_length(btrim(${t.name})) > 0`),
    // DDL takes no bound parameters; RESUME_MIN_LENGTH is a module constant.
    check(
      'resumes_content_length',
      sql`char_length(${t.content}) >= ${sql.raw(String(RESUME_MIN_LENGTH))}`,
    ),
    ...ownerPolicies('resume', t.userId),
  ],
);

export type Resume = typeof resumes.$inferSelect;
