// Sharing a search (ARCHITECTURE.md, "Sharing and collaborators"): grants,
// single-use invitation links, comments on applications, what each person has
// read, and notifications. A grant is a row in `shares`; pursuit.can_read and
// pursuit.can_write (migration 0012) read it, so RLS stays the authority.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from './application';
import { appRole, canReadApplication, canWriteApplication, currentUserId } from './roles';
import { users } from './user';
import { createdAt, id, updatedAt } from './columns';

export const SHARE_ROLES = ['viewer', 'commenter', 'editor'] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];
export const shareRole = pgEnum('share_role', SHARE_ROLES);

/** Longest comment, in characters. */
export const COMMENT_MAX_LENGTH = 10_000;

const me = currentUserId;
const user = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const shares = pgTable(
  'shares',
  {
    id: id(),
    ownerId: user('owner_id'),
    granteeId: user('grantee_id'),
    role: shareRole('role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set once, by the owner (revoke) or the grantee (leave); a revoked share stays as history. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('shares_active_owner_grantee_key')
      .on(t.ownerId, t.granteeId)
      .where(sql`${t.revokedAt} is null`),
    index('shares_grantee_idx')
      .on(t.granteeId)
      .where(sql`${t.revokedAt} is null`),
    check('shares_not_self', sql`${t.ownerId} <> ${t.granteeId}`),
    pgPolicy('owner and grantee can read share', {
      for: 'select',
      to: appRole,
      using: sql`${t.ownerId} = ${me} or ${t.granteeId} = ${me}`,
    }),
    // Created only by pursuit.accept_invitation. What each side may change
    // (the owner: role, revoke; the grantee: leave) is checked by shares_guard.
    pgPolicy('owner and grantee can update share', {
      for: 'update',
      to: appRole,
      using: sql`${t.ownerId} = ${me} or ${t.granteeId} = ${me}`,
      withCheck: sql`${t.ownerId} = ${me} or ${t.granteeId} = ${me}`,
    }),
  ],
);

export const shareInvitations = pgTable(
  'share_invitations',
  {
    id: id(),
    ownerId: user('owner_id'),
    role: shareRole('role').notNull(),
    /** Hex SHA-256 of the token; the token itself is only in the link. */
    tokenHash: text('token_hash').notNull(),
    /** Who the link was meant for, as the owner typed it (shown to the owner only). */
    email: text('email'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true })
      .notNull()
      .default(sql`now() + interval '7 days'`),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('share_invitations_token_hash_key').on(t.tokenHash),
    index('share_invitations_owner_idx').on(t.ownerId, t.createdAt),
    check('share_invitations_token_hash_hex', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('share_invitations_email_length', sql`char_length(${t.email}) <= 320`),
    pgPolicy('owner can read invitation', {
      for: 'select',
      to: appRole,
      using: sql`${t.ownerId} = ${me}`,
    }),
    pgPolicy('owner can create invitation', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.ownerId} = ${me} and ${t.acceptedAt} is null and ${t.acceptedBy} is null`,
    }),
    pgPolicy('owner can cancel invitation', {
      for: 'delete',
      to: appRole,
      using: sql`${t.ownerId} = ${me}`,
    }),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: id(),
    ownerId: uuid('owner_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    /** Null once the author's account is deleted: the thread keeps the comment. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** People with access to the search named with @ in the body. */
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** Soft delete: the thread shows "comment deleted"; the body is emptied. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: 'comments_application_fk',
      columns: [t.applicationId, t.ownerId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    index('comments_application_idx').on(t.applicationId, t.createdAt),
    check(
      'comments_body_length',
      sql`char_length(${t.body}) <= ${sql.raw(String(COMMENT_MAX_LENGTH))} and (${t.deletedAt} is not null or char_length(btrim(${t.body})) > 0)`,
    ),
    check('comments_mentions_count', sql`cardinality(${t.mentions}) <= 50`),
    pgPolicy('people with access can read comment', {
      for: 'select',
      to: appRole,
      using: canReadApplication(t.ownerId, t.applicationId),
    }),
    pgPolicy('owner and commenters can write comment', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.authorId} = ${me} and ${canWriteApplication(t.ownerId, t.applicationId, 'comment')}`,
    }),
    // Authors edit and delete their own while they may still comment (a
    // commenter made a viewer may not); the owner may delete any (the
    // comments_before_write trigger lets a non-author set deleted_at and nothing else).
    pgPolicy('author or owner can change comment', {
      for: 'update',
      to: appRole,
      using: sql`${canWriteApplication(t.ownerId, t.applicationId, 'comment')} and (${t.authorId} = ${me} or ${t.ownerId} = ${me})`,
      withCheck: sql`${canWriteApplication(t.ownerId, t.applicationId, 'comment')} and (${t.authorId} = ${me} or ${t.ownerId} = ${me})`,
    }),
  ],
);

/** When a person last read an application's comments (unread counts on cards). */
export const commentReads = pgTable(
  'comment_reads',
  {
    userId: user('user_id'),
    applicationId: uuid('application_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'comment_reads_pkey', columns: [t.userId, t.applicationId] }),
    foreignKey({
      name: 'comment_reads_application_fk',
      columns: [t.applicationId, t.ownerId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    pgPolicy('person can read own comment reads', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = ${me}`,
    }),
    pgPolicy('person can mark comments read', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.userId} = ${me} and ${canReadApplication(t.ownerId, t.applicationId)}`,
    }),
    pgPolicy('person can update own comment reads', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = ${me}`,
      withCheck: sql`${t.userId} = ${me} and ${canReadApplication(t.ownerId, t.applicationId)}`,
    }),
  ],
);

export const NOTIFICATION_KINDS = [
  'comment',
  'mention',
  'stage_change',
  'invitation_accepted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKind = pgEnum('notification_kind', NOTIFICATION_KINDS);

/** Written by triggers (migration 0012) for the person they tell; read and marked read by them. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    /** The person told. */
    userId: user('user_id'),
    kind: notificationKind('kind').notNull(),
    /** Who did it (null: deleted account). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Whose search it happened in. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id').references(() => applications.id, {
      onDelete: 'cascade',
    }),
    commentId: uuid('comment_id'),
    /** One line, written when it happened: "Sam moved Acme — Engineer to interviewing". */
    summary: text('summary').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt.desc()),
    pgPolicy('person can read own notifications', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = ${me}`,
    }),
    pgPolicy('person can mark own notifications read', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = ${me}`,
      withCheck: sql`${t.userId} = ${me}`,
    }),
    pgPolicy('person can delete own notifications', {
      for: 'delete',
      to: appRole,
      using: sql`${t.userId} = ${me}`,
    }),
  ],
);

export type Share = typeof shares.$inferSelect;
export type ShareInvitation = typeof shareInvitations.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type CommentRead = typeof commentReads.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
