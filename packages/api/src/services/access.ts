// Who the caller is in an owner's search (ARCHITECTURE.md, "Sharing and
// collaborators"): the owner, a grantee's role, or nobody. RLS stays the
// authority on rows; this only turns "you may read but not do that" into a
// FORBIDDEN a person understands, and "no grant at all" into NOT_FOUND.
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { applications, type ShareRole, type Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { id } from '../fields';

export type AccessRole = 'owner' | ShareRole;

/** What a call needs: to read, to comment, to change, or to be the owner. */
export type AccessNeed = 'read' | 'comment' | 'edit' | 'owner';

export interface Access {
  ownerId: string;
  role: AccessRole;
}

const RANK: Record<AccessRole, number> = { viewer: 0, commenter: 1, editor: 2, owner: 3 };
const NEEDED: Record<AccessNeed, AccessRole> = {
  read: 'viewer',
  comment: 'commenter',
  edit: 'editor',
  owner: 'owner',
};

function isRole(value: unknown): value is AccessRole {
  return typeof value === 'string' && value in RANK;
}

/** The caller's role in `ownerId`'s search, with the owner's name when the caller may read it. */
async function roleAndName(
  tx: Tx,
  ownerId: string,
): Promise<{ role: AccessRole | null; name: string | null }> {
  const [row] = await tx.execute<{ role: string | null; name: string | null }>(sql`
    select pursuit.access_role(${ownerId}::uuid) as role,
           (select p.display_name from pursuit.people_with_access(${ownerId}::uuid) p
             where p.role = 'owner') as name`);
  return { role: isRole(row?.role) ? row.role : null, name: row?.name ?? null };
}

/** 'owner', the caller's share role, or null when the caller has no grant. */
export async function accessRole(tx: Tx, ownerId: string): Promise<AccessRole | null> {
  const [row] = await tx.execute<{ role: string | null }>(
    sql`select pursuit.access_role(${ownerId}::uuid) as role`,
  );
  return isRole(row?.role) ? row.role : null;
}

/**
 * The sentence a person reads when they may see a search but not do what
 * they tried; `action` names an owner-only act ("delete it").
 */
export function deniedMessage(
  ownerName: string,
  role: Exclude<AccessRole, 'owner'>,
  need: Exclude<AccessNeed, 'read'>,
  action = 'do that',
): string {
  const whose = `${ownerName}’s search`;
  if (role === 'viewer') {
    return need === 'comment'
      ? `You can view ${whose} but not comment on it.`
      : `You can view ${whose} but not change it.`;
  }
  if (role === 'commenter' && need !== 'owner') {
    return `You can view and comment on ${whose} but not change it.`;
  }
  if (role === 'commenter')
    return `You can view and comment on ${whose}, but only ${ownerName} can ${action}.`;
  return `You can view and change ${whose}, but only ${ownerName} can ${action}.`;
}

/**
 * The caller's role in `ownerId`'s search if it allows `need`. No grant is
 * NOT_FOUND (as an id that does not exist); a grant too small is FORBIDDEN
 * with a sentence saying what the caller can do.
 */
export async function requireAccess(
  tx: Tx,
  ownerId: string,
  need: AccessNeed,
  action?: string,
): Promise<AccessRole> {
  const { role, name } = await roleAndName(tx, ownerId);
  if (!role) throw notFound('Search');
  if (RANK[role] >= RANK[NEEDED[need]]) return role;
  throw forbidden(name ?? 'its owner', role as Exclude<AccessRole, 'owner'>, need, action);
}

function forbidden(
  ownerName: string,
  role: Exclude<AccessRole, 'owner'>,
  need: AccessNeed,
  action?: string,
): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: deniedMessage(ownerName, role, need === 'read' ? 'edit' : need, action),
  });
}

/**
 * The error for a write that touched no row although the row is readable to
 * the caller: a grantee tried what their role (or any grantee) may not do.
 * `ownerOnly` says the write is the owner's alone whatever the role. Returns
 * null when the caller is the owner (then the row changed meanwhile).
 */
export async function deniedWrite(
  tx: Tx,
  ownerId: string,
  ownerOnly: boolean,
  action: string,
): Promise<TRPCError | null> {
  const { role, name } = await roleAndName(tx, ownerId);
  if (!role || role === 'owner') return null;
  const need: AccessNeed = ownerOnly || role === 'editor' ? 'owner' : 'edit';
  return forbidden(name ?? 'its owner', role, need, action);
}

/** The input of a read that may name a search shared with the caller; their own by default. */
export const ownerInput = z
  .object({
    /** Whose search: the caller's own unless they name one shared with them. */
    ownerId: id.optional(),
  })
  .default({});

/**
 * Whose rows a read means: `ownerId` when the caller may read that search
 * (NOT_FOUND otherwise), else the caller's own. RLS lets a grantee read every
 * search shared with them, so each list names one owner.
 */
export async function readableOwner(
  tx: Tx,
  userId: string,
  ownerId: string | undefined,
): Promise<string> {
  if (ownerId === undefined || ownerId === userId) return userId;
  await requireAccess(tx, ownerId, 'read');
  return ownerId;
}

/**
 * The application's owner and the caller's role there, if it allows `need`.
 * An application the caller cannot read (another person's without a grant,
 * or a private one of the owner's) is NOT_FOUND.
 */
export async function applicationAccess(
  tx: Tx,
  applicationId: string,
  need: AccessNeed,
  action?: string,
): Promise<Access> {
  const [row] = await tx
    .select({ ownerId: applications.userId })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  return { ownerId: row.ownerId, role: await requireAccess(tx, row.ownerId, need, action) };
}
