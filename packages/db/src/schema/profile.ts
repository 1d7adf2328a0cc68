// One profile per user, created with the user by a trigger. The document
// generators read it; later issues extend it.
import { sql } from 'drizzle-orm';
import { jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole, canRead, currentUserId } from './roles';
import { users } from './user';

export interface ProfileLink {
  label: string;
  url: string;
}

export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    firstName: text('first_name'),
    lastName: text('last_name'),
    headline: text('headline'),
    location: text('location'),
    links: jsonb('links').$type<ProfileLink[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy('owner can read profile', {
      for: 'select',
      to: appRole,
      using: canRead(t.userId),
    }),
    pgPolicy('owner can update profile', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
      withCheck: sql`${t.userId} = ${currentUserId}`,
    }),
  ],
);

export type Profile = typeof profiles.$inferSelect;
