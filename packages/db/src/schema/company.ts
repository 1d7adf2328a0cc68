// Companies are shared reference data: any signed-in person may read them and
// add a new one (by upsert, when an application names it). Nobody edits them.
import { sql } from 'drizzle-orm';
import { pgPolicy, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { appRole, currentUserId } from './roles';
import { createdAt, id } from './columns';

export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    website: text('website'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('companies_name_lower_key').on(sql`lower(${t.name})`),
    pgPolicy('signed-in user can read companies', {
      for: 'select',
      to: appRole,
      using: sql`${currentUserId} is not null`,
    }),
    pgPolicy('signed-in user can add company', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${currentUserId} is not null`,
    }),
  ],
);

export type Company = typeof companies.$inferSelect;
