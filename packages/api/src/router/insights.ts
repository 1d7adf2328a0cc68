// Insights: the numbers of a search (summary) and the daily snapshots that
// keep a trend. The SQL and the definitions are in services/insights.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { dateTime, id } from '../fields';
import { insightsSnapshots, insightsSummary } from '../services/insights';
import { userProcedure } from '../trpc';

const summaryInput = z
  .object({
    /** Applications applied (or, for "added", created) at or after this. */
    from: dateTime('Give the start of the range as a date.').optional(),
    /** …and at or before this. */
    to: dateTime('Give the end of the range as a date.').optional(),
    /** Whose search: one shared with the caller; the caller's own by default. */
    ownerId: id.optional(),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'The start of the range must come before its end.',
    path: ['from'],
  })
  .default({});

const snapshotsInput = z
  .object({
    days: z
      .number({ error: 'Days must be a number.' })
      .int('Days must be a whole number.')
      .min(1, 'Ask for at least 1 day.')
      .max(3660, 'Ask for at most 3,660 days (ten years).')
      .default(90),
  })
  .default({ days: 90 });

export const insightsRouter = {
  /** Counts, rates, medians, weekly activity and breakdowns, with their definitions. */
  summary: userProcedure
    .input(summaryInput)
    .query(({ ctx, input }) => insightsSummary(ctx.tx, ctx.user.id, input, ctx.ghostedAfterDays)),

  /** The caller's daily snapshots for the last `days` days, oldest first. */
  snapshots: userProcedure
    .input(snapshotsInput)
    .query(({ ctx, input }) => insightsSnapshots(ctx.tx, ctx.user.id, input)),
} satisfies TRPCRouterRecord;
