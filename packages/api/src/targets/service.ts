// Job targets (issue 14): list, add, change (with the version it was made
// from), remove; and how an application or a draft fits each active target.
// RLS decides who reads a target (owner and grantees) and who writes (owner).
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { applications, jobTargets, type JobTarget, type Tx } from '@pursuit/db';
import { notFound, VersionConflict } from '../errors';
import { definedChanges } from '../fields';
import { TARGET_LIMIT } from '../limits';
import { applicationAccess, readableOwner } from '../services/access';
import { makeRoom } from '../services/caps';
import { deleteOwned, insertOwned, type NewRow } from '../services/rows';
import { fitToTarget, type FitItem, type FitSubject } from './fit';

export type NewTarget = Omit<NewRow<typeof jobTargets>, 'version'>;

export interface TargetFit {
  targetId: string;
  targetName: string;
  items: FitItem[];
  score: number;
  /** No ✗ item. */
  fits: boolean;
}

export function listTargets(tx: Tx, ownerId: string): Promise<JobTarget[]> {
  return tx
    .select()
    .from(jobTargets)
    .where(eq(jobTargets.userId, ownerId))
    .orderBy(asc(jobTargets.createdAt), asc(jobTargets.id))
    .limit(TARGET_LIMIT);
}

/** A salary floor needs its currency; the currency alone is harmless. */
function requireCurrency(input: Partial<NewTarget>) {
  if (input.salaryFloor != null && !input.salaryCurrency) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Give the salary floor’s currency, like USD or EUR.',
    });
  }
}

export async function createTarget(tx: Tx, userId: string, input: NewTarget): Promise<JobTarget> {
  requireCurrency(input);
  await makeRoom(tx, jobTargets, userId);
  return insertOwned(tx, jobTargets, userId, input);
}

/**
 * Applies `changes` if the target is still at `version`; otherwise a
 * CONFLICT carrying the target as it is now. Only the owner changes one.
 */
export async function updateTarget(
  tx: Tx,
  targetId: string,
  version: number,
  changes: Partial<NewTarget>,
): Promise<JobTarget> {
  const set = definedChanges(changes);
  const [current] = await tx.select().from(jobTargets).where(eq(jobTargets.id, targetId));
  if (!current) throw notFound('Target');
  requireCurrency({
    salaryFloor: set.salaryFloor === undefined ? current.salaryFloor : set.salaryFloor,
    salaryCurrency: set.salaryCurrency === undefined ? current.salaryCurrency : set.salaryCurrency,
  });
  const [row] = await tx
    .update(jobTargets)
    .set({ ...set, version: sql`${jobTargets.version} + 1` })
    .where(and(eq(jobTargets.id, targetId), eq(jobTargets.version, version)))
    .returning();
  if (row) return row;
  if (current.version !== version) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'This target was changed elsewhere since you loaded it.',
      cause: new VersionConflict(current),
    });
  }
  // Readable, at this version, yet not updated: RLS kept a grantee out.
  throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the owner of a target can change it.' });
}

export function deleteTarget(tx: Tx, targetId: string) {
  return deleteOwned(tx, jobTargets, targetId, 'Target');
}

async function activeTargets(tx: Tx, ownerId: string): Promise<JobTarget[]> {
  return tx
    .select()
    .from(jobTargets)
    .where(and(eq(jobTargets.userId, ownerId), eq(jobTargets.active, true)))
    .orderBy(asc(jobTargets.createdAt), asc(jobTargets.id))
    .limit(TARGET_LIMIT);
}

export function fitsFor(targets: readonly JobTarget[], subject: FitSubject): TargetFit[] {
  return targets.map((target) => ({
    targetId: target.id,
    targetName: target.name,
    ...fitToTarget(target, subject),
  }));
}

/** How a draft (not yet saved) fits each active target of the owner's search. */
export async function fitDraft(
  tx: Tx,
  userId: string,
  input: { draft: FitSubject; ownerId?: string | undefined },
): Promise<{ fits: TargetFit[] }> {
  const ownerId = await readableOwner(tx, userId, input.ownerId);
  return { fits: fitsFor(await activeTargets(tx, ownerId), input.draft) };
}

/** What fit reads of a saved application. */
const subjectColumns = {
  companyName: applications.companyName,
  roleTitle: applications.roleTitle,
  description: applications.jobDescription,
  location: applications.location,
  workArrangement: applications.workArrangement,
  employmentType: applications.employmentType,
  salaryMin: applications.salaryMin,
  salaryMax: applications.salaryMax,
  salaryCurrency: applications.salaryCurrency,
};

/** How a saved application fits each active target of its owner. */
export async function fitApplication(
  tx: Tx,
  applicationId: string,
): Promise<{ fits: TargetFit[] }> {
  const { ownerId } = await applicationAccess(tx, applicationId, 'read');
  const [subject] = await tx
    .select(subjectColumns)
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!subject) throw notFound('Application');
  return { fits: fitsFor(await activeTargets(tx, ownerId), subject) };
}

/**
 * Which of `candidateIds` (applications of `ownerId`'s search) fit
 * `targetId`, one of that search's targets: no ✗ item. What the board's
 * "fits target" filter keeps. A target the caller cannot read is NOT_FOUND.
 */
export async function fittingApplicationIds(
  tx: Tx,
  ownerId: string,
  targetId: string,
  candidateIds: readonly string[],
): Promise<Set<string>> {
  const [target] = await tx
    .select()
    .from(jobTargets)
    .where(and(eq(jobTargets.id, targetId), eq(jobTargets.userId, ownerId)));
  if (!target) throw notFound('Target');
  const fitting = new Set<string>();
  if (candidateIds.length === 0) return fitting;
  const rows = await tx
    .select({ id: applications.id, ...subjectColumns })
    .from(applications)
    .where(and(eq(applications.userId, ownerId), inArray(applications.id, [...candidateIds])));
  for (const { id, ...subject } of rows) {
    if (fitToTarget(target, subject).fits) fitting.add(id);
  }
  return fitting;
}
