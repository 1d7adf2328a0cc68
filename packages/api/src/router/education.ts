// Schools and degrees on the profile: list, add, edit, remove, reorder.
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { education, withUser } from '@pursuit/db';
import { notFound } from '../errors';
import {
  id,
  notBefore,
  optionalText,
  partialDate,
  reorderInput,
  requiredText,
  definedChanges,
} from '../fields';
import { listOrder, nextPosition, reorderRows } from '../ordering';
import { protectedProcedure } from '../trpc';

export const educationFields = {
  institution: requiredText('Enter the school or university.', 'The institution', 200),
  degree: optionalText('The degree', 200),
  fieldOfStudy: optionalText('The field of study', 200),
  startDate: partialDate,
  endDate: partialDate,
  description: optionalText('The description', 10_000),
};

function checkDates(
  value: { startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
) {
  if (!notBefore(value.endDate, value.startDate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: 'The end date cannot be before the start date.',
    });
  }
}

export const createEducationInput = z.object(educationFields).superRefine(checkDates);

const updateEducationInput = z
  .object({ id, ...educationFields, institution: educationFields.institution.optional() })
  .superRefine(checkDates);

export const educationRouter = {
  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select()
        .from(education)
        .where(eq(education.userId, ctx.user.id))
        .orderBy(...listOrder(education)),
    ),
  ),

  create: protectedProcedure.input(createEducationInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const position = await nextPosition(tx, education, ctx.user.id);
      const [row] = await tx
        .insert(education)
        .values({ ...input, userId: ctx.user.id, position })
        .returning();
      return row!;
    }),
  ),

  update: protectedProcedure.input(updateEducationInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const { id: educationId, ...changes } = input;
      const [row] = await tx
        .update(education)
        .set(definedChanges(changes))
        .where(eq(education.id, educationId))
        .returning();
      if (!row) throw notFound('Education');
      return row;
    }),
  ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(education)
        .where(eq(education.id, input.id))
        .returning({ id: education.id });
      if (!row) throw notFound('Education');
      return row;
    }),
  ),

  reorder: protectedProcedure.input(reorderInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      await reorderRows(tx, education, ctx.user.id, input.ids, 'Education');
      return tx
        .select()
        .from(education)
        .where(eq(education.userId, ctx.user.id))
        .orderBy(...listOrder(education));
    }),
  ),
} satisfies TRPCRouterRecord;
