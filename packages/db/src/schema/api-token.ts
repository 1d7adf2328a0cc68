// Personal access tokens for scripts (issue 14): `Authorization: Bearer pst_…`
// on the HTTP API. Like sessions, only the token's SHA-256 is stored; the raw
// token is shown once, when it is made. Revoking deletes the row.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { appRole, currentUserId } from './roles';
import { ownerId } from './user';
import { createdAt, id } from './columns';

export const API_TOKEN_SCOPES = ['read', 'write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
export const apiTokenScope = pgEnum('api_token_scope', API_TOKEN_SCOPES);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: ownerId(),
    /** What the person calls it ("nightly backup script"). */
    name: text('name').notNull(),
    scope: apiTokenScope('scope').notNull(),
    /** Hex SHA-256 of the raw token. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    /** After this the token authenticates nothing; null: until revoked. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Kept to the minute by pursuit.validate_api_token. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => {
    const own = sql`${t.userId} = ${currentUserId}`;
    return [
      uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
      index('api_tokens_user_id_idx').on(t.userId),
      check('api_tokens_name_length', sql`char_length(btrim(${t.name})) between 1 and 100`),
      check('api_tokens_token_hash_hex', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
      // Only the owner, never a grantee: a token is account data.
      pgPolicy('owner can read own api tokens', { for: 'select', to: appRole, using: own }),
      pgPolicy('owner can create own api tokens', { for: 'insert', to: appRole, withCheck: own }),
      pgPolicy('owner can revoke own api tokens', { for: 'delete', to: appRole, using: own }),
    ];
  },
);

export type ApiToken = typeof apiTokens.$inferSelect;
