// Documents of an application: generate (queued, deduplicated, in phase
// order, within the monthly quota), cancel, edit by hand, restore an old
// version, and the match analysis. Progress and text arrive through the live
// feed; these procedures only start and steer the work. In a shared search
// editors may do all of it: the job runs as the owner and counts on the
// owner's quota. The rules are in services/document.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { documentType, withUser } from '@pursuit/db';
import { id, listOr, oneOf, text } from '../fields';
import {
  analyzeApplication,
  documentSettings,
  documentsForApplication,
  editDocument,
  markNotQueued,
  readVersion,
  restoreVersion,
  startGeneration,
  stopGeneration,
} from '../services/document';
import { protectedProcedure, userProcedure } from '../trpc';

const documentTypeSchema = oneOf(
  documentType.enumValues,
  `Type must be ${listOr(documentType.enumValues)}.`,
);
const version = z.number().int().positive();

export const documentRouter = {
  /** Everything the phases stepper shows for one application. */
  forApplication: userProcedure
    .input(z.object({ applicationId: id }))
    .query(({ ctx, input }) => documentsForApplication(ctx.tx, input.applicationId)),

  version: userProcedure
    .input(z.object({ documentId: id, version }))
    .query(({ ctx, input }) => readVersion(ctx.tx, input.documentId, input.version)),

  // Two transactions, not userProcedure's one: the job is queued only after
  // the document row saying "queued" has committed, and a failure to queue
  // is written back in a transaction of its own.
  generate: protectedProcedure
    .input(z.object({ applicationId: id, type: documentTypeSchema }))
    .mutation(async ({ ctx, input }) => {
      const { jobs, monthlyLimit } = ctx.documents;
      const outcome = await withUser(ctx.db, ctx.user.id, (tx) =>
        startGeneration(tx, ctx.user.id, input, monthlyLimit),
      );
      if (outcome.enqueue) {
        try {
          // As the owner: the generators read the owner's profile, and the
          // job writes the owner's document under the owner's RLS.
          await jobs.enqueueGeneration({
            documentId: outcome.document.id,
            userId: outcome.ownerId,
            jobId: outcome.jobId,
          });
        } catch (error) {
          await withUser(ctx.db, ctx.user.id, (tx) =>
            markNotQueued(tx, outcome.document.id, outcome.jobId),
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

  // Not userProcedure: the queued job is removed only once the document's
  // new state has committed.
  cancel: protectedProcedure
    .input(z.object({ documentId: id }))
    .mutation(async ({ ctx, input }) => {
      const jobId = await withUser(ctx.db, ctx.user.id, (tx) =>
        stopGeneration(tx, input.documentId),
      );
      if (jobId) await ctx.documents.jobs.cancel(jobId);
      return { cancelled: jobId !== null };
    }),

  edit: userProcedure
    .input(
      z.object({
        documentId: id,
        content: text()
          .trim()
          .min(1, 'The document cannot be empty.')
          .max(200_000, 'That document is too long.'),
      }),
    )
    .mutation(({ ctx, input }) =>
      editDocument(ctx.tx, input.documentId, input.content, ctx.documents.retentionDays),
    ),

  restore: userProcedure
    .input(z.object({ documentId: id, version }))
    .mutation(({ ctx, input }) =>
      restoreVersion(ctx.tx, input.documentId, input.version, ctx.documents.retentionDays),
    ),

  /** Re-scores the application against the profile now (built-in analysis). */
  analyzeMatch: userProcedure
    .input(z.object({ applicationId: id }))
    .mutation(({ ctx, input }) =>
      analyzeApplication(ctx.tx, ctx.user.id, input.applicationId, ctx.documents.monthlyLimit),
    ),

  /** Which generator is active and what is left of this month's quota. */
  settings: userProcedure.query(({ ctx }) => documentSettings(ctx.tx, ctx.user.id, ctx.documents)),
} satisfies TRPCRouterRecord;
