// Row-level security policies most user tables share. A row belongs to the
// user in its user_id column (for rows that hang off an application, the
// composite foreign key to applications(id, user_id) makes that the
// application's owner): the owner, and whoever pursuit.can_read lets in, may
// read it; only the owner may write it.
import { sql } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { appRole, canRead, currentUserId } from './roles';

/** "owner can read <noun>": the owner and their grantees (pursuit.can_read). */
export function readPolicy(noun: string, userId: unknown) {
  return pgPolicy(`owner can read ${noun}`, { for: 'select', to: appRole, using: canRead(userId) });
}

/** Read as readPolicy; insert, update and delete by the owner only. */
export function ownerPolicies(noun: string, userId: unknown) {
  const owner = sql`${userId} = ${currentUserId}`;
  return [
    readPolicy(noun, userId),
    pgPolicy(`owner can insert ${noun}`, { for: 'insert', to: appRole, withCheck: owner }),
    pgPolicy(`owner can update ${noun}`, {
      for: 'update',
      to: appRole,
      using: owner,
      withCheck: owner,
    }),
    pgPolicy(`owner can delete ${noun}`, { for: 'delete', to: appRole, using: owner }),
  ];
}
