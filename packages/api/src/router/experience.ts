// Work history on the profile: list, add, edit, remove, reorder. Another
// user's id is NOT_FOUND (RLS hides the row). "Current" means no end date, so
// ticking it clears the end date and entering an end date unticks it.
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { withUser, workExperiences } from '@pursuit/db';
import { notFound } from '../errors';
import {
  definedChanges,
  id,
  notBefore,
  optionalText,
  partialDate,
  reorderInput,
  requiredText,
  textList,
} from '../fields';
import { listOrder, nextPosition, reorderRows } from '../ordering';
import { protectedProcedure } from '../trpc';

export const experienceFields = {
  company: requiredText('Enter the company name.', 'The company name', 200),
  title: requiredText('Enter your job title.', 'The job title', 200),
  location: optionalText('Location', 200),
  startDate: partialDate,
  endDate: partialDate,
  isCurrent: z.boolean({ error: 'Current must be true or false.' }),
  description: optionalText('The description', 10_000),
  achievements: textList('achievement', 'achievements', 50, 1_000),
  technologies: textList('technology', 'technologies', 100, 100),
};

interface DatedRole {
  startDate?: string | null;
  endDate?: string | null;
  isCurrent?: boolean;
}

/** The date rules a role must keep, reported on the end date field. */
export function checkRoleDates(value: DatedRole, ctx: z.RefinementCtx) {
  if (value.isCurrent && value.endDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: 'A current role has no end date: clear the end date or untick "current".',
    });
  }
  if (!notBefore(value.endDate, value.startDate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: 'The end date cannot be before the start date.',
    });
  }
}

export const createExperienceInput = z
  .object({
    ...experienceFields,
    isCurrent: experienceFields.isCurrent.default(false),
    achievements: experienceFields.achievements.default([]),
    technologies: experienceFields.technologies.default([]),
  })
  .superRefine(checkRoleDates);

const updateExperienceInput = z
  .object({
    id,
    company: experienceFields.company.optional(),
    title: experienceFields.title.optional(),
    location: experienceFields.location,
    startDate: experienceFields.startDate,
    endDate: experienceFields.endDate,
    isCurrent: experienceFields.isCurrent.optional(),
    description: experienceFields.description,
    achievements: experienceFields.achievements.optional(),
    technologies: experienceFields.technologies.optional(),
  })
  .superRefine(checkRoleDates);

export const experienceRouter = {
  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select()
        .from(workExperiences)
        .where(eq(workExperiences.userId, ctx.user.id))
        .orderBy(...listOrder(workExperiences)),
    ),
  ),

  create: protectedProcedure.input(createExperienceInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const position = await nextPosition(tx, workExperiences, ctx.user.id);
      const [row] = await tx
        .insert(workExperiences)
        .values({ ...input, userId: ctx.user.id, position })
        .returning();
      return row!;
    }),
  ),

  update: protectedProcedure.input(updateExperienceInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const { id: experienceId, ...changes } = input;
      if (changes.isCurrent === true && changes.endDate === undefined) changes.endDate = null;
      if (changes.endDate && changes.isCurrent === undefined) changes.isCurrent = false;
      const [row] = await tx
        .update(workExperiences)
        .set(definedChanges(changes))
        .where(eq(workExperiences.id, experienceId))
        .returning();
      if (!row) throw notFound('Work experience');
      return row;
    }),
  ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(workExperiences)
        .where(eq(workExperiences.id, input.id))
        .returning({ id: workExperiences.id });
      if (!row) throw notFound('Work experience');
      return row;
    }),
  ),

  reorder: protectedProcedure.input(reorderInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      await reorderRows(tx, workExperiences, ctx.user.id, input.ids, 'Work experience');
      return tx
        .select()
        .from(workExperiences)
        .where(eq(workExperiences.userId, ctx.user.id))
        .orderBy(...listOrder(workExperiences));
    }),
  ),
} satisfies TRPCRouterRecord;
