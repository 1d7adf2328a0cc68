// Job applications: the board's list, the detail view, and every change to a
// card. Another user's id is NOT_FOUND (RLS hides the row) unless their search
// is shared with the caller; then what the role does not allow is FORBIDDEN.
// The rules (companies, card positions, versions, who may do what) are in
// services/application.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { createInsertSchema } from 'drizzle-zod';
import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import {
  applications,
  employmentType,
  priority,
  SENT_KINDS,
  stage,
  workArrangement,
} from '@pursuit/db';
import {
  currencyCode,
  dateTime,
  id,
  jobUrl,
  listOr,
  money,
  oneOf,
  only,
  optionalText,
  salaryInOrder,
  text,
} from '../fields';
import {
  applicationDetail,
  createApplication,
  deleteApplication,
  listApplications,
  moveApplication,
  setArchived,
  updateApplication,
} from '../services/application';
import { companyHistory } from '../services/company-history';
import { currentEmbedder } from '../search/current';
import { similarByMeaning } from '../search/similar';
import { markSent, unmarkSent } from '../services/sent-material';
import { similarApplications } from '../services/similar-applications';
import { userProcedure } from '../trpc';

export const stageSchema = oneOf(
  stage.enumValues,
  `Stage must be one of: ${stage.enumValues.join(', ')}.`,
);
const prioritySchema = oneOf(
  priority.enumValues,
  `Priority must be ${listOr(priority.enumValues)}.`,
);

/** A fractional-indexing key, as the board computes between two cards. */
const positionKey = text()
  .max(128, 'That position is not valid.')
  .refine((key) => {
    try {
      generateKeyBetween(key, null);
      return true;
    } catch {
      return false;
    }
  }, 'That position is not valid.');

/** A day of slack for time zones: "today" somewhere is tomorrow in UTC. */
const FUTURE_SLACK_MS = 86_400_000;
export const APPLIED_IN_FUTURE = 'The applied date cannot be in the future.';

/**
 * When the person applied: a Date or an ISO string, in the past if need be
 * (the stage history follows it), null to clear; never more than a day ahead.
 */
export const appliedAtField = dateTime('Use a date like 2026-03-14 or 2026-03-14T09:30:00Z.')
  .refine((date) => date.getTime() <= Date.now() + FUTURE_SLACK_MS, APPLIED_IN_FUTURE)
  .nullish();

export const rejectionReasonField = optionalText('The rejection reason', 500);

const editableFields = {
  companyName: text()
    .trim()
    .min(1, 'Enter the company name.')
    .max(200, 'The company name can be at most 200 characters.'),
  roleTitle: text()
    .trim()
    .min(1, 'Enter the role title.')
    .max(200, 'The role title can be at most 200 characters.'),
  jobDescription: text()
    .trim()
    .min(50, 'Paste the job description (at least 50 characters) so Pursuit can match it.')
    .max(100_000, 'The job description can be at most 100,000 characters.'),
  jobUrl,
  location: optionalText('Location', 200),
  workArrangement: oneOf(
    workArrangement.enumValues,
    `Work arrangement must be ${listOr(workArrangement.enumValues)}.`,
  ).nullish(),
  employmentType: oneOf(
    employmentType.enumValues,
    `Employment type must be ${listOr(employmentType.enumValues)}.`,
  ).nullish(),
  salaryMin: money,
  salaryMax: money,
  salaryCurrency: currencyCode.nullish(),
  priority: prioritySchema.optional(),
  stage: stageSchema.optional(),
  notes: optionalText('Notes', 100_000),
  source: optionalText('Source', 200),
  followUpOn: z.iso.date('Use a date like 2026-12-31.').nullish(),
  appliedAt: appliedAtField,
  rejectionReason: rejectionReasonField,
};

const applicationRow = createInsertSchema(applications, editableFields).pick(only(editableFields));

export const createApplicationInput = applicationRow
  .extend({
    priority: prioritySchema.default('medium'),
    stage: stageSchema.default('interested'),
  })
  .refine(...salaryInOrder('salaryMin', 'salaryMax'))
  .refine((value) => !value.rejectionReason || value.stage === 'rejected', {
    message: 'A rejection reason goes with the stage Rejected.',
    path: ['rejectionReason'],
  });

export const updateApplicationInput = applicationRow
  .partial()
  .extend({
    id,
    version: z.number().int().positive(),
    /** Hidden from everyone the search is shared with; the owner's call alone. */
    private: z.boolean({ error: 'Private must be true or false.' }).optional(),
  })
  .refine(...salaryInOrder('salaryMin', 'salaryMax'));

const listInput = z
  .object({
    /** Whose board: a search shared with the caller; the caller's own by default. */
    ownerId: id.optional(),
    stage: stageSchema.optional(),
    search: text().trim().max(200, 'Search for at most 200 characters.').optional(),
    priority: prioritySchema.optional(),
    includeArchived: z.boolean().default(false),
    /** Only cards that fit this target (no ✗ item). */
    fitsTarget: id.optional(),
  })
  .default({ includeArchived: false });

export const applicationRouter = {
  /** A board: up to BOARD_CARD_LIMIT cards, `truncated` when more match, and the caller's role. */
  list: userProcedure
    .input(listInput)
    .query(({ ctx, input }) => listApplications(ctx.tx, ctx.user.id, input)),

  byId: userProcedure
    .input(z.object({ id }))
    .query(({ ctx, input }) => applicationDetail(ctx.tx, input.id)),

  create: userProcedure
    .input(createApplicationInput)
    .mutation(({ ctx, input }) => createApplication(ctx.tx, ctx.user.id, input)),

  update: userProcedure.input(updateApplicationInput).mutation(({ ctx, input }) => {
    const { id: applicationId, version, ...changes } = input;
    return updateApplication(ctx.tx, applicationId, version, changes);
  }),

  /** A move to rejected may carry the reason, kept with that step of the history. */
  move: userProcedure
    .input(
      z.object({
        id,
        stage: stageSchema,
        position: positionKey.optional(),
        rejectionReason: rejectionReasonField,
      }),
    )
    .mutation(({ ctx, input }) =>
      moveApplication(ctx.tx, input.id, input.stage, input.position, input.rejectionReason),
    ),

  /** The owner's applications at the same company (by normalised name), newest first. */
  companyHistory: userProcedure
    .input(
      z.object({
        companyName: text('Enter the company name.')
          .trim()
          .min(1, 'Enter the company name.')
          .max(200, 'The company name can be at most 200 characters.'),
        ownerId: id.optional(),
        excludeId: id.optional(),
      }),
    )
    .query(({ ctx, input }) => companyHistory(ctx.tx, ctx.user.id, input)),

  /**
   * "Did I apply here?": the owner's applications for the same posting (job
   * URL), the same company, or a similar role title, best first (≤ 10).
   */
  similar: userProcedure
    .input(
      z.object({
        companyName: text('Enter the company name.')
          .trim()
          .max(200, 'The company name can be at most 200 characters.'),
        roleTitle: text()
          .trim()
          .max(200, 'The role title can be at most 200 characters.')
          .optional(),
        jobUrl: text().trim().max(2048, 'The job URL is too long.').optional(),
        ownerId: id.optional(),
      }),
    )
    .query(({ ctx, input }) => similarApplications(ctx.tx, ctx.user.id, input)),

  /** Freezes the résumé and/or cover letter sent with the application; marking again replaces. */
  markSent: userProcedure
    .input(
      z
        .object({ id, resumeId: id.optional(), documentVersionId: id.optional() })
        .refine((value) => value.resumeId || value.documentVersionId, {
          message: 'Choose the résumé or the document version that was sent.',
          path: ['resumeId'],
        }),
    )
    .mutation(({ ctx, input }) => markSent(ctx.tx, input)),

  unmarkSent: userProcedure
    .input(
      z.object({
        id,
        kind: oneOf(SENT_KINDS, `Kind must be ${listOr(SENT_KINDS)}.`),
      }),
    )
    .mutation(({ ctx, input }) => unmarkSent(ctx.tx, input)),

  archive: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => setArchived(ctx.tx, input.id, true)),

  unarchive: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => setArchived(ctx.tx, input.id, false)),

  delete: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deleteApplication(ctx.tx, input.id)),

  /** The applications nearest in meaning to this one, with their stage (search/similar.ts). */
  similarByMeaning: userProcedure
    .input(z.object({ id }))
    .query(({ ctx, input }) =>
      similarByMeaning(ctx.tx, input.id, currentEmbedder(ctx.documents).model),
    ),
} satisfies TRPCRouterRecord;
