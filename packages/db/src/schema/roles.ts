// The two database roles of ARCHITECTURE.md. Migrations run as the owner; every
// request runs as `appRole`, which owns nothing and never bypasses RLS.
import { sql } from 'drizzle-orm';
import { pgRole } from 'drizzle-orm/pg-core';

export const APP_ROLE = 'pursuit_app';

export const appRole = pgRole(APP_ROLE).existing();

/** The signed-in user, or NULL when none is set (then policies match nothing). */
export const currentUserId = sql`(select pursuit.current_user_id())`;

/*
 * Each check below opens with "is it my own row?". The functions answer that
 * too, but Postgres cannot inline a function whose body has a subquery, so it
 * calls one per row; the plain comparison against the once-evaluated user id
 * short-circuits the OR for the owner's rows — nearly every row a person
 * reads — and the function runs only for a grantee's. (Issue 13: the Insights
 * summary over 10,000 applications spent most of its time in these calls.)
 */
const own = (ownerColumn: unknown) => sql`${ownerColumn} = ${currentUserId}`;

/** Every "may this user read this owner's data" question goes through here. */
export function canRead(ownerColumn: unknown) {
  return sql`(${own(ownerColumn)} or (select pursuit.can_read(${ownerColumn})))`;
}

/**
 * May the current user read this application-scoped row? The owner always; a
 * grantee (pursuit.can_read) only while the application is not private.
 */
export function canReadApplication(ownerColumn: unknown, applicationColumn: unknown) {
  return sql`(${own(ownerColumn)} or pursuit.can_read_application(${ownerColumn}, ${applicationColumn}))`;
}

/** What a grant lets a person write in the owner's search: 'comment' or 'edit'. */
export type WriteKind = 'comment' | 'edit';

/*
 * Policies are rendered into migration SQL by drizzle-kit, where a bound
 * parameter has no value, so the kind is written as a literal. Only these two
 * fixed literals are ever raw: nothing a caller passes reaches sql.raw.
 */
const WRITE_KIND_LITERAL: Record<WriteKind, ReturnType<typeof sql.raw>> = {
  comment: sql.raw(`'comment'`),
  edit: sql.raw(`'edit'`),
};

/** May the current user write `what` in this owner's search (pursuit.can_write)? */
export function canWrite(ownerColumn: unknown, what: WriteKind) {
  return sql`(${own(ownerColumn)} or pursuit.can_write(${ownerColumn}, ${WRITE_KIND_LITERAL[what]}))`;
}

/** canWrite, for a row of an application that must not be private to its owner. */
export function canWriteApplication(
  ownerColumn: unknown,
  applicationColumn: unknown,
  what: WriteKind,
) {
  return sql`(${own(ownerColumn)} or pursuit.can_write_application(${ownerColumn}, ${applicationColumn}, ${WRITE_KIND_LITERAL[what]}))`;
}
