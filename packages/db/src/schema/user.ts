// Accounts and sessions. A session row holds only the SHA-256 of its token;
// the token itself lives in the person's cookie and nowhere else.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appRole, currentUserId } from './roles';
import { createdAt, id, updatedAt } from './columns';

export const userRole = pgEnum('user_role', ['user', 'admin']);

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: userRole('role').notNull().default('user'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Set by an admin: a disabled account cannot sign in and its sessions are gone. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Send the daily digest of what is due (only when the instance has SMTP_URL). */
    emailDigest: boolean('email_digest').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    pgPolicy('user can read own account', {
      for: 'select',
      to: appRole,
      using: sql`${t.id} = ${currentUserId}`,
    }),
    // Nobody signs up as an admin: the users_assign_role trigger sets the role
    // (the instance's first account is its admin; an admin promotes others).
    pgPolicy('user can create own account', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.id} = ${currentUserId}`,
    }),
    pgPolicy('user can update own account', {
      for: 'update',
      to: appRole,
      using: sql`${t.id} = ${currentUserId}`,
      withCheck: sql`${t.id} = ${currentUserId}`,
    }),
    pgPolicy('user can delete own account', {
      for: 'delete',
      to: appRole,
      using: sql`${t.id} = ${currentUserId}`,
    }),
  ],
);

/** The owning user's id: every user table's user_id, gone with its user. */
export const ownerId = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const sessions = pgTable(
  'sessions',
  {
    /** Hex SHA-256 of the session token. */
    id: text('id').primaryKey(),
    userId: ownerId(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    pgPolicy('user can read own sessions', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
    pgPolicy('user can create own session', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.userId} = ${currentUserId}`,
    }),
    pgPolicy('user can update own session', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
      withCheck: sql`${t.userId} = ${currentUserId}`,
    }),
    pgPolicy('user can delete own session', {
      for: 'delete',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
  ],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
