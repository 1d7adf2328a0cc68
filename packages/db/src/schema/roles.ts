// The two database roles of ARCHITECTURE.md. Migrations run as the owner; every
// request runs as `appRole`, which owns nothing and never bypasses RLS.
import { sql } from 'drizzle-orm';
import { pgRole } from 'drizzle-orm/pg-core';

export const APP_ROLE = 'pursuit_app';

export const appRole = pgRole(APP_ROLE).existing();

/** The signed-in user, or NULL when none is set (then policies match nothing). */
export const currentUserId = sql`(select pursuit.current_user_id())`;

/** Every "may this user read this owner's data" question goes through here. */
export function canRead(ownerColumn: unknown) {
  return sql`(select pursuit.can_read(${ownerColumn}))`;
}
