// Policies for rows a user owns directly (user_id = the owner): the owner, and
// whoever pursuit.can_read lets in, may read; only the owner may write.
import { sql } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { appRole, canRead, currentUserId } from './roles';

export function ownedRowPolicies(noun: string, userId: unknown) {
  const owner = sql`${userId} = ${currentUserId}`;
  return [
    pgPolicy(`owner can read ${noun}`, { for: 'select', to: appRole, using: canRead(userId) }),
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
