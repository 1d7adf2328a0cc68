// Sharing a search: invitation links, the grants they create, who has access
// to whose search, and the overview a coach sees of every search shared with
// them. RLS decides what each query returns; with grants it returns a grantee
// every shared owner's rows, so each query here names whose rows it means.
import { TRPCError } from '@trpc/server';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import {
  applications,
  interviews,
  shareInvitations,
  shares,
  STAGES,
  type Database,
  type ShareRole,
  type Stage,
  type Tx,
} from '@pursuit/db';
import { generateInvitationToken, invitationTokenHash, invitationUrl } from '../auth/invitation';
import { notFound } from '../errors';
import { withSqlStates } from './sqlstate';

/** Pending (unused, unexpired) invitations one owner may have at once. */
export const PENDING_INVITATION_LIMIT = 50;
/** Invitations sharing.invitations returns (the newest). */
export const INVITATION_LIST_LIMIT = 200;
/** Upcoming interviews shown per search in the overview. */
export const OVERVIEW_INTERVIEW_LIMIT = 5;

export type AccessRole = 'owner' | ShareRole;

/** Raw SQL reads timestamps as text (drizzle turns off postgres.js's date parsing). */
function when(value: string | Date): Date;
function when(value: string | Date | null): Date | null;
function when(value: string | Date | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The caller's place in `ownerId`'s search, or null when they may not read it. */
export async function accessRole(tx: Tx, ownerId: string): Promise<AccessRole | null> {
  const [row] = await tx.execute<{ role: AccessRole | null }>(
    sql`select pursuit.access_role(${ownerId}::uuid) as role`,
  );
  return row?.role ?? null;
}

export interface PersonWithAccess {
  id: string;
  name: string;
  role: AccessRole;
}

/** Everyone with access to `ownerId`'s search, the owner first; empty when the caller has none. */
export async function peopleWithAccess(tx: Tx, ownerId: string): Promise<PersonWithAccess[]> {
  const rows = await tx.execute<{ user_id: string; display_name: string; role: AccessRole }>(
    sql`select user_id, display_name, role from pursuit.people_with_access(${ownerId}::uuid)`,
  );
  return rows
    .map((row) => ({ id: row.user_id, name: row.display_name, role: row.role }))
    .sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner'));
}

/** sharing.people: NOT_FOUND for a search the caller may not read, like every other read. */
export async function listPeople(tx: Tx, ownerId: string): Promise<PersonWithAccess[]> {
  const people = await peopleWithAccess(tx, ownerId);
  if (people.length === 0) throw notFound('Search');
  return people;
}

// ---------------------------------------------------------------- invitations

export async function createInvitation(
  tx: Tx,
  userId: string,
  input: { role: ShareRole; email?: string | null | undefined },
  publicOrigin: string,
): Promise<{ id: string; url: string; expiresAt: Date }> {
  // Count-then-insert made exact under parallel requests, as caps.ts does.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`pursuit.invitations:${userId}`}, 0))`,
  );
  const [pending] = await tx
    .select({ n: count() })
    .from(shareInvitations)
    .where(
      and(
        eq(shareInvitations.ownerId, userId),
        isNull(shareInvitations.acceptedAt),
        gt(shareInvitations.expiresAt, sql`now()`),
      ),
    );
  if ((pending?.n ?? 0) >= PENDING_INVITATION_LIMIT) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `You have ${PENDING_INVITATION_LIMIT} invitations waiting to be accepted. Cancel some to send more.`,
    });
  }
  const token = generateInvitationToken();
  const [row] = await tx
    .insert(shareInvitations)
    .values({
      ownerId: userId,
      role: input.role,
      tokenHash: invitationTokenHash(token)!,
      email: input.email ?? null,
    })
    .returning({ id: shareInvitations.id, expiresAt: shareInvitations.expiresAt });
  if (!row) throw new Error('invitation insert returned nothing');
  return { id: row.id, url: invitationUrl(publicOrigin, token), expiresAt: row.expiresAt };
}

export type InvitationStatus = 'pending' | 'expired' | 'accepted';

const FORMER_COLLABORATOR = 'A former collaborator';

function invitationStatus(acceptedAt: Date | null, expired: boolean): InvitationStatus {
  if (acceptedAt) return 'accepted';
  return expired ? 'expired' : 'pending';
}

export async function listInvitations(tx: Tx, userId: string) {
  const rows = await tx
    .select({
      id: shareInvitations.id,
      role: shareInvitations.role,
      email: shareInvitations.email,
      createdAt: shareInvitations.createdAt,
      expiresAt: shareInvitations.expiresAt,
      acceptedAt: shareInvitations.acceptedAt,
      acceptedBy: shareInvitations.acceptedBy,
      expired: sql<boolean>`${shareInvitations.expiresAt} <= now()`,
    })
    .from(shareInvitations)
    .where(eq(shareInvitations.ownerId, userId))
    .orderBy(desc(shareInvitations.createdAt), desc(shareInvitations.id))
    .limit(INVITATION_LIST_LIMIT);
  // Names of people who still have access; someone who left is no longer named.
  const names = new Map(
    (await sharePeople(tx))
      .filter((row) => row.owner_id === userId)
      .map((row) => [row.grantee_id, row.grantee_name]),
  );
  return rows.map(({ acceptedAt, acceptedBy, expired, ...row }) => ({
    ...row,
    status: invitationStatus(acceptedAt, expired),
    acceptedBy: acceptedBy
      ? { id: acceptedBy, name: names.get(acceptedBy) ?? FORMER_COLLABORATOR }
      : null,
  }));
}

export async function cancelInvitation(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .delete(shareInvitations)
    .where(and(eq(shareInvitations.id, id), eq(shareInvitations.ownerId, userId)))
    .returning({ id: shareInvitations.id });
  if (!row) throw notFound('Invitation');
  return row;
}

const INVITATION_NOT_FOUND = 'That invitation link is not valid (it may have been cancelled).';

/** What an invitation link offers, for someone who may not have an account yet. */
export async function previewInvitation(db: Database, token: string) {
  const hash = invitationTokenHash(token);
  const [row] = hash
    ? await db.sql<
        {
          owner_name: string;
          role: ShareRole;
          expires_at: string | Date;
          status: 'valid' | 'expired' | 'used';
        }[]
      >`select owner_name, role, expires_at, status from pursuit.invitation_preview(${hash})`
    : [];
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: INVITATION_NOT_FOUND });
  return {
    ownerName: row.owner_name,
    role: row.role,
    expiresAt: when(row.expires_at),
    status: row.status,
  };
}

/** Accepts an invitation as the transaction's user: a new share, or the existing one's role. */
export async function acceptInvitation(tx: Tx, token: string) {
  const hash = invitationTokenHash(token);
  if (!hash) throw new TRPCError({ code: 'NOT_FOUND', message: INVITATION_NOT_FOUND });
  const [row] = await withSqlStates(
    {
      P0002: 'NOT_FOUND',
      PS001: 'CONFLICT',
      PS002: 'BAD_REQUEST',
      PS003: 'BAD_REQUEST',
      '42501': 'UNAUTHORIZED',
    },
    () =>
      tx.execute<{ share_id: string; owner_id: string; role: ShareRole }>(
        sql`select share_id, owner_id, role from pursuit.accept_invitation(${hash})`,
      ),
  );
  if (!row) throw new Error('accept_invitation returned nothing');
  return { id: row.share_id, ownerId: row.owner_id, role: row.role };
}

// --------------------------------------------------------------------- shares

type SharePeopleRow = {
  share_id: string;
  owner_id: string;
  owner_name: string;
  owner_email: string;
  grantee_id: string;
  grantee_name: string;
  grantee_email: string;
  role: ShareRole;
  created_at: string | Date;
  updated_at: string | Date;
  owner_last_active_at: string | Date | null;
  grantee_last_active_at: string | Date | null;
};

function sharePeople(tx: Tx) {
  return tx.execute<SharePeopleRow>(sql`select * from pursuit.share_people()`);
}

export interface SharedPerson {
  /** The share's id. */
  id: string;
  person: { id: string; name: string; email: string };
  role: ShareRole;
  since: Date;
  lastActiveAt: Date | null;
}

/** The caller's active shares: whom they share with, and who shares with them. */
export async function listShares(tx: Tx, userId: string) {
  const grantedByMe: SharedPerson[] = [];
  const sharedWithMe: SharedPerson[] = [];
  for (const row of await sharePeople(tx)) {
    const mine = row.owner_id === userId;
    (mine ? grantedByMe : sharedWithMe).push({
      id: row.share_id,
      person: mine
        ? { id: row.grantee_id, name: row.grantee_name, email: row.grantee_email }
        : { id: row.owner_id, name: row.owner_name, email: row.owner_email },
      role: row.role,
      since: when(row.created_at),
      lastActiveAt: when(mine ? row.grantee_last_active_at : row.owner_last_active_at),
    });
  }
  return { grantedByMe, sharedWithMe };
}

/** An active share the caller is a side of, or NOT_FOUND (an ended one is history). */
async function activeShare(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: shares.id, ownerId: shares.ownerId, granteeId: shares.granteeId })
    .from(shares)
    .where(and(eq(shares.id, id), isNull(shares.revokedAt)));
  if (!row) throw notFound('Share');
  return row;
}

async function ownShare(tx: Tx, userId: string, id: string) {
  const share = await activeShare(tx, id);
  if (share.ownerId !== userId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Only the owner of a search changes who may see it. You can leave it instead.',
    });
  }
  return share;
}

export async function updateShare(tx: Tx, userId: string, id: string, role: ShareRole) {
  await ownShare(tx, userId, id);
  await tx.update(shares).set({ role }).where(eq(shares.id, id));
  return { id };
}

export async function revokeShare(tx: Tx, userId: string, id: string) {
  await ownShare(tx, userId, id);
  await tx
    .update(shares)
    .set({ revokedAt: sql`now()` })
    .where(eq(shares.id, id));
  return { id };
}

export async function leaveShare(tx: Tx, userId: string, id: string) {
  const share = await activeShare(tx, id);
  if (share.granteeId !== userId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You cannot leave your own search: revoke the person’s access instead.',
    });
  }
  await tx
    .update(shares)
    .set({ revokedAt: sql`now()` })
    .where(eq(shares.id, id));
  return { id };
}

// ------------------------------------------------------------------- overview

function emptyCounts(): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
}

/**
 * One summary per search shared with the caller: cards per stage (archived
 * ones left out, as on the board), when a card last changed, and the next
 * interviews. Each query filters by those owners; RLS leaves out what the
 * grant does not show (private applications).
 */
export async function overview(tx: Tx, userId: string) {
  const shared = (await sharePeople(tx)).filter((row) => row.grantee_id === userId);
  if (shared.length === 0) return [];
  const owners = shared.map((row) => row.owner_id);

  const stageCounts = await tx
    .select({ ownerId: applications.userId, stage: applications.stage, n: count() })
    .from(applications)
    .where(and(inArray(applications.userId, owners), isNull(applications.archivedAt)))
    .groupBy(applications.userId, applications.stage);
  const activity = await tx
    .select({ ownerId: applications.userId, at: max(applications.updatedAt) })
    .from(applications)
    .where(inArray(applications.userId, owners))
    .groupBy(applications.userId);
  const ranked = tx
    .select({
      ownerId: interviews.userId,
      applicationId: interviews.applicationId,
      companyName: applications.companyName,
      roleTitle: applications.roleTitle,
      scheduledAt: interviews.scheduledAt,
      kind: interviews.kind,
      rank: sql<number>`row_number() over (partition by ${interviews.userId} order by ${interviews.scheduledAt}, ${interviews.id})`.as(
        'rank',
      ),
    })
    .from(interviews)
    .innerJoin(
      applications,
      and(
        eq(applications.id, interviews.applicationId),
        eq(applications.userId, interviews.userId),
      ),
    )
    .where(
      and(
        inArray(interviews.userId, owners),
        gte(interviews.scheduledAt, sql`now()`),
        isNull(applications.archivedAt),
      ),
    )
    .as('ranked');
  const upcoming = await tx
    .select()
    .from(ranked)
    .where(lte(ranked.rank, OVERVIEW_INTERVIEW_LIMIT))
    .orderBy(asc(ranked.scheduledAt));

  return shared.map((share) => {
    const counts = emptyCounts();
    for (const row of stageCounts) if (row.ownerId === share.owner_id) counts[row.stage] = row.n;
    const lastActivity = activity.find((row) => row.ownerId === share.owner_id)?.at ?? null;
    return {
      ownerId: share.owner_id,
      name: share.owner_name,
      role: share.role,
      counts,
      total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      lastActivityAt: lastActivity ? when(lastActivity) : null,
      upcomingInterviews: upcoming
        .filter((row) => row.ownerId === share.owner_id)
        .map(({ ownerId: _owner, rank: _rank, ...row }) => row),
    };
  });
}
