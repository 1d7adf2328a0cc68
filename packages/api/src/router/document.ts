// Documents of an application: generate (queued, deduplicated, in phase
// order, within the monthly quota), cancel, edit by hand, restore an old
// version, and the match analysis. Progress and text arrive through the
// change feed; these procedures only start and steer the work.
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  applications,
  DOCUMENT_TYPES,
  documentVersions,
  documents,
  matchResults,
  quotaUsage,
  withUser,
  type DocumentType,
  type Tx,
} from '@pursuit/db';
import { supersede } from '../documents/generation';
import { loadCandidate } from '../documents/candidate';
import { notFound } from '../errors';
import { analyzeMatch } from '../generate/match';
import { protectedProcedure } from '../trpc';

const id = z.uuid('That is not a valid id.');
const documentTypeSchema = z.enum(DOCUMENT_TYPES, {
  error: 'Type must be research_report, optimized_resume or cover_letter.',
});

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
};

function currentPeriod(): string {
  return new Date().toISOString().slice(0, 7);
}

/** Takes one unit of quota atomically in Postgres; false when none is left. */
async function consumeQuota(
  tx: Tx,
  type: 'generation' | 'ai_analysis',
  limit: number | null,
  ref: { applicationId: string; documentId?: string },
): Promise<boolean> {
  const rows = await tx.execute<{ ok: boolean }>(
    sql`select pursuit.consume_quota(${type}::quota_type, ${limit}::int, ${ref.applicationId}::uuid, ${ref.documentId ?? null}::uuid) as ok`,
  );
  return rows[0]?.ok === true;
}

function quotaError(limit: number): TRPCError {
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `You have used all ${limit} generations for this month. The count starts again on the 1st.`,
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

async function lockDocument(tx: Tx, documentId: string) {
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

export const documentRouter = {
  /** Everything the phases stepper shows for one application. */
  forApplication: protectedProcedure
    .input(z.object({ applicationId: id }))
    .query(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const [application] = await tx
          .select({ id: applications.id })
          .from(applications)
          .where(eq(applications.id, input.applicationId));
        if (!application) throw notFound('Application');
        const docs = await tx
          .select()
          .from(documents)
          .where(eq(documents.applicationId, input.applicationId));
        const versions = docs.length
          ? await tx
              .select(versionSummary)
              .from(documentVersions)
              .innerJoin(documents, eq(documents.id, documentVersions.documentId))
              .where(eq(documents.applicationId, input.applicationId))
              .orderBy(asc(documentVersions.version))
          : [];
        const currentContent = docs.length
          ? await tx
              .select({
                documentId: documentVersions.documentId,
                content: documentVersions.content,
              })
              .from(documentVersions)
              .innerJoin(documents, eq(documents.id, documentVersions.documentId))
              .where(
                and(
                  eq(documents.applicationId, input.applicationId),
                  eq(documentVersions.version, documents.currentVersion),
                ),
              )
          : [];
        const [match] = await tx
          .select()
          .from(matchResults)
          .where(eq(matchResults.applicationId, input.applicationId))
          .orderBy(desc(matchResults.createdAt))
          .limit(1);
        return {
          documents: docs.map((doc) => ({
            ...doc,
            content: currentContent.find((c) => c.documentId === doc.id)?.content ?? null,
            versions: versions.filter((v) => v.documentId === doc.id),
          })),
          match: match ?? null,
        };
      }),
    ),

  version: protectedProcedure
    .input(z.object({ documentId: id, version: z.number().int().positive() }))
    .query(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const [row] = await tx
          .select({
            ...versionSummary,
            content: documentVersions.content,
            settings: documentVersions.settings,
          })
          .from(documentVersions)
          .where(
            and(
              eq(documentVersions.documentId, input.documentId),
              eq(documentVersions.version, input.version),
            ),
          );
        if (!row) throw notFound('Version');
        return row;
      }),
    ),

  generate: protectedProcedure
    .input(z.object({ applicationId: id, type: documentTypeSchema }))
    .mutation(async ({ ctx, input }) => {
      const svc = ctx.documents;
      const outcome = await withUser(ctx.db, ctx.user.id, async (tx) => {
        const [application] = await tx
          .select({ id: applications.id })
          .from(applications)
          .where(eq(applications.id, input.applicationId));
        if (!application) throw notFound('Application');
        const before = PHASE_BEFORE[input.type];
        if (before) {
          const [previous] = await tx
            .select({ currentVersion: documents.currentVersion })
            .from(documents)
            .where(
              and(
                eq(documents.applicationId, input.applicationId),
                eq(documents.type, before.type),
              ),
            );
          if (!previous?.currentVersion) {
            throw new TRPCError({ code: 'PRECONDITION_FAILED', message: before.message });
          }
        }
        await tx
          .insert(documents)
          .values({ applicationId: input.applicationId, userId: ctx.user.id, type: input.type })
          .onConflictDoNothing();
        const [doc] = await tx
          .select()
          .from(documents)
          .where(
            and(eq(documents.applicationId, input.applicationId), eq(documents.type, input.type)),
          )
          .for('update');
        if (!doc) throw notFound('Document');
        if ((doc.status === 'queued' || doc.status === 'generating') && doc.jobId) {
          return { document: doc, jobId: doc.jobId, deduplicated: true, enqueue: false };
        }
        if (
          !(await consumeQuota(tx, 'generation', svc.monthlyLimit, {
            applicationId: input.applicationId,
            documentId: doc.id,
          }))
        ) {
          throw quotaError(svc.monthlyLimit ?? 0);
        }
        const jobId = crypto.randomUUID();
        const [queued] = await tx
          .update(documents)
          .set({ status: 'queued', progress: 0, error: null, draft: null, jobId })
          .where(eq(documents.id, doc.id))
          .returning();
        return { document: queued!, jobId, deduplicated: false, enqueue: true };
      });
      if (outcome.enqueue) {
        try {
          await svc.jobs.enqueueGeneration({
            documentId: outcome.document.id,
            userId: ctx.user.id,
            jobId: outcome.jobId,
          });
        } catch (error) {
          await withUser(ctx.db, ctx.user.id, (tx) =>
            tx
              .update(documents)
              .set({
                status: 'failed',
                error: 'The job could not be queued. Try again.',
                jobId: null,
              })
              .where(
                and(eq(documents.id, outcome.document.id), eq(documents.jobId, outcome.jobId)),
              ),
          );
          throw error;
        }
      }
      return {
        documentId: outcome.document.id,
        jobId: outcome.jobId,
        deduplicated: outcome.deduplicated,
      };
    }),

  cancel: protectedProcedure
    .input(z.object({ documentId: id }))
    .mutation(async ({ ctx, input }) => {
      const svc = ctx.documents;
      const jobId = await withUser(ctx.db, ctx.user.id, async (tx) => {
        const doc = await lockDocument(tx, input.documentId);
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
      });
      if (jobId) await svc.jobs.cancel(jobId);
      return { cancelled: jobId !== null };
    }),

  edit: protectedProcedure
    .input(
      z.object({
        documentId: id,
        content: z
          .string()
          .trim()
          .min(1, 'The document cannot be empty.')
          .max(200_000, 'That document is too long.'),
      }),
    )
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const doc = await lockDocument(tx, input.documentId);
        if (doc.status === 'queued' || doc.status === 'generating') {
          throw new TRPCError({
            code: 'CONFLICT',
            message: 'Wait for the generation to finish (or cancel it) before editing.',
          });
        }
        return addVersion(tx, doc, input.content, 'you', {}, true, ctx.documents.retentionDays);
      }),
    ),

  restore: protectedProcedure
    .input(z.object({ documentId: id, version: z.number().int().positive() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const doc = await lockDocument(tx, input.documentId);
        if (doc.status === 'queued' || doc.status === 'generating') {
          throw new TRPCError({
            code: 'CONFLICT',
            message: 'Wait for the generation to finish (or cancel it) before restoring.',
          });
        }
        const [old] = await tx
          .select()
          .from(documentVersions)
          .where(
            and(
              eq(documentVersions.documentId, doc.id),
              eq(documentVersions.version, input.version),
            ),
          );
        if (!old) throw notFound('Version');
        return addVersion(
          tx,
          doc,
          old.content,
          old.generator,
          { ...old.settings, restoredFrom: input.version },
          old.userEdited,
          ctx.documents.retentionDays,
        );
      }),
    ),

  /** Re-scores the application against the profile now (built-in analysis). */
  analyzeMatch: protectedProcedure
    .input(z.object({ applicationId: id }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const [application] = await tx
          .select()
          .from(applications)
          .where(eq(applications.id, input.applicationId));
        if (!application) throw notFound('Application');
        const limit = ctx.documents.monthlyLimit;
        if (!(await consumeQuota(tx, 'ai_analysis', limit, { applicationId: application.id }))) {
          throw quotaError(limit ?? 0);
        }
        const candidate = await loadCandidate(tx, ctx.user.id);
        const result = analyzeMatch(candidate, {
          company: application.companyName,
          roleTitle: application.roleTitle,
          description: application.jobDescription,
        });
        const [row] = await tx
          .insert(matchResults)
          .values({
            applicationId: application.id,
            userId: ctx.user.id,
            score: result.score,
            strengths: result.strengths,
            weaknesses: result.weaknesses,
            highlights: result.highlights,
            feedback: result.feedback,
            generator: 'builtin',
          })
          .returning();
        return row!;
      }),
    ),

  /** Which generator is active and what is left of this month's quota. */
  settings: protectedProcedure.query(async ({ ctx }) => {
    const svc = ctx.documents;
    const usage = await withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select({ type: quotaUsage.type, used: quotaUsage.used })
        .from(quotaUsage)
        .where(eq(quotaUsage.period, currentPeriod())),
    );
    const used = usage.reduce((sum, u) => sum + u.used, 0);
    return {
      generator: svc.generator,
      retentionDays: svc.retentionDays,
      quota: {
        period: currentPeriod(),
        limit: svc.monthlyLimit,
        used,
        left: svc.monthlyLimit === null ? null : Math.max(0, svc.monthlyLimit - used),
      },
    };
  }),
} satisfies TRPCRouterRecord;
