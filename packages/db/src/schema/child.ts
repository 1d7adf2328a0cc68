// Policies shared by the tables that hang off an application. Each such row
// carries (application_id, user_id) under one composite foreign key to
// applications(id, user_id), so its owner is its application's owner.
import { sql } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { appRole, canRead, currentUserId } from './roles';

export function applicationChildPolicies(noun: string, userId: unknown) {
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
