// Interviews of an application. The composite foreign key (application_id,
// user_id) makes another user's application id fail as NOT_FOUND.
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { interviews, withUser } from '@pursuit/db';
import { notFound } from '../errors';
import { protectedProcedure } from '../trpc';

const id = z.uuid('That is not a valid id.');
const fields = {
  scheduledAt: z.coerce.date({ error: 'Give the interview a date and time.' }),
  durationMinutes: z
    .number()
    .int('Duration is a whole number of minutes.')
    .min(1, 'An interview lasts at least 1 minute.')
    .max(1440, 'An interview lasts at most 24 hours.')
    .nullish(),
  kind: z
    .enum(['phone_screen', 'technical', 'onsite', 'behavioral', 'final', 'other'], {
      error: 'Kind must be phone_screen, technical, onsite, behavioral, final or other.',
    })
    .optional(),
  locationOrLink: z.string().trim().max(2048, 'The location or link is too long.').nullish(),
  notes: z.string().max(100_000, 'Notes can be at most 100,000 characters.').nullish(),
  outcome: z
    .enum(['pending', 'passed', 'failed'], { error: 'Outcome must be pending, passed or failed.' })
    .optional(),
};

export const interviewRouter = {
  create: protectedProcedure
    .input(z.object({ applicationId: id, ...fields }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const [row] = await tx
          .insert(interviews)
          .values({ ...input, userId: ctx.user.id })
          .returning();
        return row!;
      }),
    ),

  update: protectedProcedure
    .input(
      z.object({
        id,
        scheduledAt: fields.scheduledAt.optional(),
        durationMinutes: fields.durationMinutes,
        kind: fields.kind,
        locationOrLink: fields.locationOrLink,
        notes: fields.notes,
        outcome: fields.outcome,
      }),
    )
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const { id: interviewId, ...changes } = input;
        const [row] = await tx
          .update(interviews)
          .set(changes)
          .where(eq(interviews.id, interviewId))
          .returning();
        if (!row) throw notFound('Interview');
        return row;
      }),
    ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(interviews)
        .where(eq(interviews.id, input.id))
        .returning({ id: interviews.id });
      if (!row) throw notFound('Interview');
      return row;
    }),
  ),
} satisfies TRPCRouterRecord;
