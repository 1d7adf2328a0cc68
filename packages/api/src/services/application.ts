// Job applications: the board's list, the detail view, and every change to a
// card. Companies are shared rows found by name whatever its case; a card's
// place in its column is a fractional-indexing key; an update names the
// version it was made from, and a stale one is a CONFLICT carrying the row.
// A shared search (issue 12): every read names whose search it means, editors
// change and move cards, only the owner deletes one or makes it private.
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, getTableColumns, isNull, max, sql, type SQL } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import {
  applicationStageHistory,
  applications,
  companies,
  contacts,
  interviews,
  type Application,
  type Tx,
} from '@pursuit/db';
import { notFound, VersionConflict } from '../errors';
import { BOARD_CARD_LIMIT, capped, CHILD_RECORD_LIMIT, STAGE_HISTORY_LIMIT } from '../limits';
import { accessRole, applicationAccess, requireAccess, type Access } from './access';
import { deleteOwned } from './rows';
import { fittingApplicationIds } from '../targets/service';
import { sentFor } from './sent-material';

type NewApplication = Omit<
  typeof applications.$inferInsert,
  'userId' | 'companyId' | 'position' | 'version' | 'private'
>;

type ApplicationChanges = Partial<NewApplication> & { private?: boolean | undefined };

// The board does not need the search vector; the detail view adds the rest.
const { searchVector: _searchVector, ...applicationColumns } = getTableColumns(applications);

/**
 * Finds or creates the shared company row for `name` (case-insensitive). Two
 * people adding the same new company at once: the second insert waits for
 * the first to commit and then does nothing, but its statement's snapshot
 * predates that row; the second look runs with a fresh snapshot and finds it.
 */
export async function companyIdFor(tx: Tx, name: string): Promise<string> {
  const rows = await tx.execute<{ id: string }>(sql`
    with inserted as (
      insert into companies (name) values (${name})
      on conflict ((lower(name))) do nothing
      returning id
    )
    select id from inserted
    union all
    select id from companies where lower(name) = lower(${name})
    limit 1`);
  const row =
    rows[0] ??
    (
      await tx.execute<{ id: string }>(
        sql`select id from companies where lower(name) = lower(${name})`,
      )
    )[0];
  if (!row) throw new Error(`company ${name} could not be resolved`);
  return row.id;
}

async function lastPositionIn(tx: Tx, userId: string, stage: Application['stage']) {
  const [row] = await tx
    .select({ last: max(applications.position) })
    .from(applications)
    .where(and(eq(applications.userId, userId), eq(applications.stage, stage)));
  return row?.last ?? null;
}

/** The key that puts a card last in `stage`. */
export async function endOf(tx: Tx, userId: string, stage: Application['stage']) {
  return generateKeyBetween(await lastPositionIn(tx, userId, stage), null);
}

async function readApplication(tx: Tx, applicationId: string) {
  const [row] = await tx
    .select(applicationColumns)
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row;
}

export interface ApplicationFilter {
  /** Whose search; the caller's own by default. */
  ownerId?: string | undefined;
  stage?: Application['stage'] | undefined;
  priority?: Application['priority'] | undefined;
  search?: string | undefined;
  includeArchived: boolean;
  /** Only cards that fit this target of the owner's (no ✗ item; issue 14). */
  fitsTarget?: string | undefined;
}

/**
 * Comments on the card newer than what `userId` last read, not their own,
 * not deleted (comments' RLS already hides those of a private card).
 */
function unreadComments(userId: string) {
  // Written out: drizzle leaves columns unqualified in a one-table select, so
  // a bare "id" here would name the comment's id rather than the card's.
  return sql<number>`(
    select count(*)::int from comments c
     where c.application_id = applications.id
       and c.deleted_at is null
       and c.author_id is distinct from ${userId}::uuid
       and c.created_at > coalesce(
         (select r.read_at from comment_reads r
           where r.user_id = ${userId}::uuid and r.application_id = applications.id),
         '-infinity'::timestamptz))`;
}

/**
 * The board of one search (the caller's own unless `filter.ownerId` names a
 * search shared with them): its cards (no job description) in column order,
 * at most `limit` (BOARD_CARD_LIMIT), `truncated` saying more matched, and
 * the caller's role there. RLS lets a grantee read every search shared with
 * them, so the owner filter is what keeps one board to one search.
 */
export async function listApplications(
  tx: Tx,
  userId: string,
  filter: ApplicationFilter,
  limit: number = BOARD_CARD_LIMIT,
) {
  const ownerId = filter.ownerId ?? userId;
  const role = ownerId === userId ? 'owner' : await requireAccess(tx, ownerId, 'read');
  const filters: SQL[] = [eq(applications.userId, ownerId)];
  if (filter.stage) filters.push(eq(applications.stage, filter.stage));
  if (filter.priority) filters.push(eq(applications.priority, filter.priority));
  if (!filter.includeArchived) filters.push(isNull(applications.archivedAt));
  if (filter.search) {
    filters.push(
      sql`${applications.searchVector} @@ websearch_to_tsquery('english', ${filter.search})`,
    );
  }
  const { jobDescription: _jd, ...cardColumns } = applicationColumns;
  const rows = await tx
    .select({ ...cardColumns, unreadComments: unreadComments(userId) })
    .from(applications)
    .where(and(...filters))
    .orderBy(asc(applications.stage), asc(applications.position), asc(applications.id))
    .limit(limit + 1);
  const { rows: page, truncated } = capped(rows, limit);
  let cards = page;
  if (filter.fitsTarget) {
    // Issue 14: only the cards with no ✗ item against that target.
    const fitting = await fittingApplicationIds(
      tx,
      ownerId,
      filter.fitsTarget,
      cards.map((c) => c.id),
    );
    cards = cards.filter((c) => fitting.has(c.id));
  }
  return { cards, truncated, access: { ownerId, role } satisfies Access };
}

/**
 * One application with its company, stage history (the newest
 * STAGE_HISTORY_LIMIT, oldest first), interviews and contacts (the first
 * CHILD_RECORD_LIMIT each); a `…Truncated` flag says a list was cut short.
 */
export async function applicationDetail(tx: Tx, applicationId: string) {
  const application = await readApplication(tx, applicationId);
  if (!application) throw notFound('Application');
  const role = await accessRole(tx, application.userId);
  if (!role) throw notFound('Application');
  const [company, newestHistory, interviewRows, contactRows, sent] = await Promise.all([
    // Only what names the company: its row is shared, and when it was first
    // added (by whoever) is not this person's business.
    tx
      .select({ id: companies.id, name: companies.name, website: companies.website })
      .from(companies)
      .where(eq(companies.id, application.companyId)),
    tx
      .select()
      .from(applicationStageHistory)
      .where(eq(applicationStageHistory.applicationId, applicationId))
      // The creation step can share its time with a backdated application
      // step (the trigger moves it to applied_at); it is still the first.
      .orderBy(
        desc(applicationStageHistory.changedAt),
        asc(sql`${applicationStageHistory.fromStage} is null`),
        desc(applicationStageHistory.id),
      )
      .limit(STAGE_HISTORY_LIMIT + 1),
    tx
      .select()
      .from(interviews)
      .where(eq(interviews.applicationId, applicationId))
      .orderBy(asc(interviews.scheduledAt), asc(interviews.id))
      .limit(CHILD_RECORD_LIMIT + 1),
    tx
      .select()
      .from(contacts)
      .where(eq(contacts.applicationId, applicationId))
      .orderBy(asc(contacts.createdAt), asc(contacts.id))
      .limit(CHILD_RECORD_LIMIT + 1),
    sentFor(tx, applicationId),
  ]);
  const history = capped(newestHistory, STAGE_HISTORY_LIMIT);
  const interviewList = capped(interviewRows, CHILD_RECORD_LIMIT);
  const contactList = capped(contactRows, CHILD_RECORD_LIMIT);
  return {
    ...application,
    company: company[0]!,
    history: history.rows.reverse(),
    historyTruncated: history.truncated,
    interviews: interviewList.rows,
    interviewsTruncated: interviewList.truncated,
    contacts: contactList.rows,
    contactsTruncated: contactList.truncated,
    sent,
    access: { ownerId: application.userId, role } satisfies Access,
  };
}

/** A new card goes last in its column, always in the caller's own search. */
export async function createApplication(
  tx: Tx,
  userId: string,
  input: NewApplication & { stage: Application['stage'] },
) {
  const companyId = await companyIdFor(tx, input.companyName);
  const [row] = await tx
    .insert(applications)
    .values({ ...input, userId, companyId, position: await endOf(tx, userId, input.stage) })
    .returning(applicationColumns);
  return row!;
}

/**
 * Applies `changes` if the row is still at `version`; otherwise a CONFLICT
 * with the row now. Editors may; only the owner makes a card private.
 */
export async function updateApplication(
  tx: Tx,
  applicationId: string,
  version: number,
  input: ApplicationChanges,
) {
  await applicationAccess(
    tx,
    applicationId,
    input.private === undefined ? 'edit' : 'owner',
    'make an application private or shared',
  );
  if (input.rejectionReason) await requireRejected(tx, applicationId, input.stage);
  const { companyName, ...fields } = input;
  const changes: Partial<typeof applications.$inferInsert> = { ...fields };
  if (companyName !== undefined) changes.companyId = await companyIdFor(tx, companyName);
  if (Object.keys(changes).length === 0) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Nothing to change.' });
  }
  const [row] = await tx
    .update(applications)
    .set(changes)
    .where(and(eq(applications.id, applicationId), eq(applications.version, version)))
    .returning(applicationColumns);
  if (row) return row;
  const current = await readApplication(tx, applicationId);
  if (!current) throw notFound('Application');
  throw new TRPCError({
    code: 'CONFLICT',
    message: 'This application was changed elsewhere since you loaded it.',
    cause: new VersionConflict(current),
  });
}

export const REASON_NEEDS_REJECTED = 'A rejection reason goes with a move to Rejected.';

/**
 * A rejection reason is kept only while the card is rejected (a trigger clears
 * it otherwise), so giving one for any other stage is refused, not dropped.
 */
async function requireRejected(
  tx: Tx,
  applicationId: string,
  newStage: Application['stage'] | undefined,
) {
  let stage = newStage;
  if (stage === undefined) {
    const [row] = await tx
      .select({ stage: applications.stage })
      .from(applications)
      .where(eq(applications.id, applicationId));
    stage = row?.stage;
  }
  if (stage !== undefined && stage !== 'rejected') {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A rejection reason can be given only while the application is rejected.',
    });
  }
}

/**
 * Into `stage` at `position`, or last in that column of the owner's board. A
 * `rejectionReason` goes with a move to rejected; the stage trigger copies it
 * to that history row.
 */
export async function moveApplication(
  tx: Tx,
  applicationId: string,
  stage: Application['stage'],
  position: string | undefined,
  rejectionReason?: string | null,
) {
  if (rejectionReason && stage !== 'rejected') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: REASON_NEEDS_REJECTED });
  }
  const { ownerId } = await applicationAccess(tx, applicationId, 'edit');
  const changes: Partial<typeof applications.$inferInsert> = {
    stage,
    position: position ?? (await endOf(tx, ownerId, stage)),
  };
  if (rejectionReason) changes.rejectionReason = rejectionReason;
  const [row] = await tx
    .update(applications)
    .set(changes)
    .where(eq(applications.id, applicationId))
    .returning(applicationColumns);
  if (!row) throw notFound('Application');
  return row;
}

/** Archives (keeping the first archive time) or, with `archived` false, restores. */
export async function setArchived(tx: Tx, applicationId: string, archived: boolean) {
  await applicationAccess(tx, applicationId, 'edit');
  const [row] = await tx
    .update(applications)
    .set({ archivedAt: archived ? sql`coalesce(${applications.archivedAt}, now())` : null })
    .where(eq(applications.id, applicationId))
    .returning(applicationColumns);
  if (!row) throw notFound('Application');
  return row;
}

/** The owner's alone: an editor changes and moves cards but never removes one. */
export async function deleteApplication(tx: Tx, applicationId: string) {
  await applicationAccess(tx, applicationId, 'owner', 'delete an application');
  return deleteOwned(tx, applications, applicationId, 'Application');
}
