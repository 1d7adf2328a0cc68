// The rules of an application's documents: phase order (a later phase needs
// the earlier one), the monthly quota (taken atomically in Postgres), one
// generation at a time per document, and versions (every edit or restore is a
// new version; the old ones stay readable until retention ends). In a shared
// search anyone who may read sees the documents; editors generate, edit and
// restore them, and what they use counts on the owner's quota.
import { TRPCError } from '@trpc/server';
import { and, desc, eq, max, sql } from 'drizzle-orm';
import {
  applications,
  documentVersions,
  documents,
  matchResults,
  quotaUsage,
  type DocumentType,
  type Tx,
} from '@pursuit/db';
import { loadCandidate } from '../documents/candidate';
import { supersede } from '../documents/generation';
import { redactUrl, type DocumentServices } from '../documents/services';
import { notFound } from '../errors';
import { capped, DOCUMENT_VERSION_LIMIT } from '../limits';
import { analyzeMatch } from '../generate/match';
import { applicationAccess, requireAccess } from './access';

const PHASE_BEFORE: Record<DocumentType, { type: DocumentType; message: string } | null> = {
  research_report: null,
  optimized_resume: {
    type: 'research_report',
    message: 'Generate the research report first: the tailored resume builds on it.',
  },
  cover_letter: {
    type: 'optimized_resume',
    message: 'Generate the tailored resume first: the cover letter builds on it.',
  },
  // Outside the phases: a follow-up can be drafted whenever an application goes quiet.
  follow_up_email: null,
};

export function currentPeriod(): string {
  return new Date().toISOString().slice(0, 7);
}

/**
 * Takes one unit of the owner's quota atomically in Postgres (an editor's
 * work counts on the owner's, whose search it is); false when none is left.
 */
async function consumeQuota(
  tx: Tx,
  ownerId: string,
  type: 'generation' | 'ai_analysis',
  limit: number | null,
  ref: { applicationId: string; documentId?: string },
): Promise<boolean> {
  const rows = await tx.execute<{ ok: boolean }>(
    sql`select pursuit.consume_quota_for(${ownerId}::uuid, ${type}::quota_type, ${limit}::int, ${ref.applicationId}::uuid, ${ref.documentId ?? null}::uuid) as ok`,
  );
  return rows[0]?.ok === true;
}

function quotaError(limit: number, own: boolean): TRPCError {
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: own
      ? `You have used all ${limit} generations for this month. The count starts again on the 1st.`
      : `This search has used all ${limit} of its owner’s generations for this month. The count starts again on the 1st.`,
  });
}

const versionSummary = {
  id: documentVersions.id,
  documentId: documentVersions.documentId,
  version: documentVersions.version,
  generator: documentVersions.generator,
  userEdited: documentVersions.userEdited,
  createdAt: documentVersions.createdAt,
  expiresAt: documentVersions.expiresAt,
};

/**
 * The document, locked, for a change by its owner or an editor: NOT_FOUND
 * when the caller cannot read it, FORBIDDEN when they may only read.
 */
async function lockDocument(tx: Tx, documentId: string) {
  const [readable] = await tx
    .select({ userId: documents.userId })
    .from(documents)
    .where(eq(documents.id, documentId));
  if (!readable) throw notFound('Document');
  await requireAccess(tx, readable.userId, 'edit');
  const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).for('update');
  if (!doc) throw notFound('Document');
  return doc;
}

async function addVersion(
  tx: Tx,
  doc: { id: string; userId: string },
  content: string,
  generator: string,
  settings: Record<string, unknown>,
  userEdited: boolean,
  retentionDays: number,
) {
  const [{ last } = { last: null }] = await tx
    .select({ last: max(documentVersions.version) })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, doc.id));
  const version = (last ?? 0) + 1;
  await supersede(tx, doc.id, retentionDays);
  await tx.insert(documentVersions).values({
    documentId: doc.id,
    userId: doc.userId,
    version,
    content,
    generator,
    settings,
    userEdited,
  });
  const [updated] = await tx
    .update(documents)
    .set({ currentVersion: version, status: 'ready', progress: 100, error: null })
    .where(eq(documents.id, doc.id))
    .returning();
  return updated!;
}

async function readApplication(tx: Tx, applicationId: string) {
  const [application] = await tx
    .select()
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!application) throw notFound('Application');
  return application;
}

async function assertApplication(tx: Tx, applicationId: string) {
  const [application] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!application) throw notFound('Application');
}

function assertIdle(doc: { status: string }, action: 'editing' | 'restoring') {
  if (doc.status === 'queued' || doc.status === 'generating') {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `Wait for the generation to finish (or cancel it) before ${action}.`,
    });
  }
}

/** Everything the phases stepper shows for one application. */
export async function documentsForApplication(tx: Tx, applicationId: string) {
  await assertApplication(tx, applicationId);
  const docs = await tx.select().from(documents).where(eq(documents.applicationId, applicationId));
  // The newest DOCUMENT_VERSION_LIMIT per document (one per phase, so at most three reads).
  const versions = await Promise.all(
    docs.map(async (doc) => {
      const newest = await tx
        .select(versionSummary)
        .from(documentVersions)
        .where(eq(documentVersions.documentId, doc.id))
        .orderBy(desc(documentVersions.version))
        .limit(DOCUMENT_VERSION_LIMIT + 1);
      const { rows, truncated } = capped(newest, DOCUMENT_VERSION_LIMIT);
      return { documentId: doc.id, rows: rows.reverse(), truncated };
    }),
  );
  const currentContent = docs.length
    ? await tx
        .select({ documentId: documentVersions.documentId, content: documentVersions.content })
        .from(documentVersions)
        .innerJoin(documents, eq(documents.id, documentVersions.documentId))
        .where(
          and(
            eq(documents.applicationId, applicationId),
            eq(documentVersions.version, documents.currentVersion),
          ),
        )
    : [];
  const [match] = await tx
    .select()
    .from(matchResults)
    .where(eq(matchResults.applicationId, applicationId))
    .orderBy(desc(matchResults.createdAt))
    .limit(1);
  return {
    documents: docs.map((doc, i) => ({
      ...doc,
      content: currentContent.find((c) => c.documentId === doc.id)?.content ?? null,
      versions: versions[i]!.rows,
    })),
    /** Some document's versions were cut to the newest DOCUMENT_VERSION_LIMIT. */
    versionsTruncated: versions.some((v) => v.truncated),
    match: match ?? null,
  };
}

export async function readVersion(tx: Tx, documentId: string, version: number) {
  const [row] = await tx
    .select({
      ...versionSummary,
      content: documentVersions.content,
      settings: documentVersions.settings,
    })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
  if (!row) throw notFound('Version');
  return row;
}

/**
 * Marks the document queued for a new generation, in phase order and within
 * the owner's quota (the caller is the owner or an editor). A generation
 * already under way is returned (deduplicated) instead of starting another;
 * `enqueue` says whether a job must be queued once this transaction commits,
 * to run as `ownerId` (the generators read the owner's profile).
 */
export async function startGeneration(
  tx: Tx,
  userId: string,
  input: { applicationId: string; type: DocumentType },
  monthlyLimit: number | null,
) {
  const { ownerId } = await applicationAccess(tx, input.applicationId, 'edit');
  const before = PHASE_BEFORE[input.type];
  if (before) {
    const [previous] = await tx
      .select({ currentVersion: documents.currentVersion })
      .from(documents)
      .where(
        and(eq(documents.applicationId, input.applicationId), eq(documents.type, before.type)),
      );
    if (!previous?.currentVersion) {
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: before.message });
    }
  }
  await tx
    .insert(documents)
    .values({ applicationId: input.applicationId, userId: ownerId, type: input.type })
    .onConflictDoNothing();
  const [doc] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.applicationId, input.applicationId), eq(documents.type, input.type)))
    .for('update');
  if (!doc) throw notFound('Document');
  if ((doc.status === 'queued' || doc.status === 'generating') && doc.jobId) {
    return { document: doc, jobId: doc.jobId, ownerId, deduplicated: true, enqueue: false };
  }
  const ref = { applicationId: input.applicationId, documentId: doc.id };
  if (!(await consumeQuota(tx, ownerId, 'generation', monthlyLimit, ref))) {
    throw quotaError(monthlyLimit ?? 0, ownerId === userId);
  }
  const jobId = crypto.randomUUID();
  const [queued] = await tx
    .update(documents)
    .set({ status: 'queued', progress: 0, error: null, draft: null, jobId })
    .where(eq(documents.id, doc.id))
    .returning();
  return { document: queued!, jobId, ownerId, deduplicated: false, enqueue: true };
}

/** The job could not be queued: the document says so, unless a newer job took over. */
export async function markNotQueued(tx: Tx, documentId: string, jobId: string) {
  await tx
    .update(documents)
    .set({ status: 'failed', error: 'The job could not be queued. Try again.', jobId: null })
    .where(and(eq(documents.id, documentId), eq(documents.jobId, jobId)));
}

/** Stops a queued or running generation; returns its job id to cancel, or null if none ran. */
export async function stopGeneration(tx: Tx, documentId: string): Promise<string | null> {
  const doc = await lockDocument(tx, documentId);
  if (doc.status !== 'queued' && doc.status !== 'generating') return null;
  await tx
    .update(documents)
    .set({
      status: doc.currentVersion ? 'ready' : 'idle',
      progress: doc.currentVersion ? 100 : 0,
      draft: null,
      jobId: null,
      error: null,
    })
    .where(eq(documents.id, doc.id));
  return doc.jobId;
}

/** A hand edit becomes the newest version. */
export async function editDocument(
  tx: Tx,
  documentId: string,
  content: string,
  retentionDays: number,
) {
  const doc = await lockDocument(tx, documentId);
  assertIdle(doc, 'editing');
  return addVersion(tx, doc, content, 'you', {}, true, retentionDays);
}

/** An old version's text becomes the newest version, noting where it came from. */
export async function restoreVersion(
  tx: Tx,
  documentId: string,
  version: number,
  retentionDays: number,
) {
  const doc = await lockDocument(tx, documentId);
  assertIdle(doc, 'restoring');
  const [old] = await tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, version)));
  if (!old) throw notFound('Version');
  return addVersion(
    tx,
    doc,
    old.content,
    old.generator,
    { ...old.settings, restoredFrom: version },
    old.userEdited,
    retentionDays,
  );
}

/**
 * Scores the application against its owner's profile now (built-in
 * analysis), within the owner's quota; the owner or an editor asks.
 */
export async function analyzeApplication(
  tx: Tx,
  userId: string,
  applicationId: string,
  monthlyLimit: number | null,
) {
  const { ownerId } = await applicationAccess(tx, applicationId, 'edit');
  const application = await readApplication(tx, applicationId);
  if (!(await consumeQuota(tx, ownerId, 'ai_analysis', monthlyLimit, { applicationId }))) {
    throw quotaError(monthlyLimit ?? 0, ownerId === userId);
  }
  const candidate = await loadCandidate(tx, ownerId);
  const result = analyzeMatch(candidate, {
    company: application.companyName,
    roleTitle: application.roleTitle,
    description: application.jobDescription,
  });
  const [row] = await tx
    .insert(matchResults)
    .values({
      applicationId: application.id,
      userId: ownerId,
      score: result.score,
      strengths: result.strengths,
      weaknesses: result.weaknesses,
      highlights: result.highlights,
      feedback: result.feedback,
      details: result.details,
      generator: 'builtin',
    })
    .returning();
  return row!;
}

/** Which generator is active and what is left of the caller's quota this month. */
export async function documentSettings(tx: Tx, userId: string, services: DocumentServices) {
  const usage = await tx
    .select({ type: quotaUsage.type, used: quotaUsage.used })
    .from(quotaUsage)
    .where(and(eq(quotaUsage.userId, userId), eq(quotaUsage.period, currentPeriod())));
  const used = usage.reduce((sum, u) => sum + u.used, 0);
  const limit = services.monthlyLimit;
  const { baseUrl } = services.generator;
  return {
    // The base URL may carry credentials (user:password@, ?api_key=): never sent.
    generator: { ...services.generator, baseUrl: baseUrl === null ? null : redactUrl(baseUrl) },
    retentionDays: services.retentionDays,
    quota: {
      period: currentPeriod(),
      limit,
      used,
      left: limit === null ? null : Math.max(0, limit - used),
    },
  };
}
