// Row-level security policies most user tables share. A row belongs to the
// user in its user_id column (for rows that hang off an application, the
// composite foreign key to applications(id, user_id) makes that the
// application's owner): the owner, and whoever pursuit.can_read lets in, may
// read it. Only the owner deletes; an editor's grant (pursuit.can_write) lets
// them add and change what hangs off an application that is not private.
import { sql } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { appRole, canRead, canReadApplication, canWriteApplication, currentUserId } from './roles';

/** "owner can read <noun>": the owner and their grantees (pursuit.can_read). */
export function readPolicy(noun: string, userId: unknown) {
  return pgPolicy(`owner can read ${noun}`, { for: 'select', to: appRole, using: canRead(userId) });
}

/** "owner can read <noun>" for an application's rows: private ones stay the owner's. */
export function applicationReadPolicy(noun: string, userId: unknown, applicationId: unknown) {
  return pgPolicy(`owner can read ${noun}`, {
    for: 'select',
    to: appRole,
    using: canReadApplication(userId, applicationId),
  });
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

/**
 * An application's child rows (interviews, contacts): read as
 * applicationReadPolicy; the owner and editors add and change them; only the
 * owner deletes.
 */
export function applicationChildPolicies(noun: string, userId: unknown, applicationId: unknown) {
  const writer = canWriteApplication(userId, applicationId, 'edit');
  return [
    applicationReadPolicy(noun, userId, applicationId),
    pgPolicy(`owner or editor can insert ${noun}`, {
      for: 'insert',
      to: appRole,
      withCheck: writer,
    }),
    pgPolicy(`owner or editor can update ${noun}`, {
      for: 'update',
      to: appRole,
      using: writer,
      withCheck: writer,
    }),
    pgPolicy(`owner can delete ${noun}`, {
      for: 'delete',
      to: appRole,
      using: sql`${userId} = ${currentUserId}`,
    }),
  ];
}
