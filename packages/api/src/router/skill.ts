// Skills on the profile: one per name whatever its case (a second "react" is
// a CONFLICT naming the first), listed primary first, then by name.
import type { TRPCRouterRecord } from '@trpc/server';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { SKILL_CATEGORIES, SKILL_PROFICIENCIES, skills, withUser } from '@pursuit/db';
import { notFound } from '../errors';
import { id, requiredText, textList, definedChanges } from '../fields';
import { protectedProcedure } from '../trpc';

export const skillFields = {
  name: requiredText('Enter the skill.', 'A skill name', 100),
  category: z.enum(SKILL_CATEGORIES, {
    error: `Category must be one of: ${SKILL_CATEGORIES.join(', ')}.`,
  }),
  proficiency: z
    .enum(SKILL_PROFICIENCIES, {
      error: `Proficiency must be one of: ${SKILL_PROFICIENCIES.join(', ')}.`,
    })
    .nullish(),
  years: z
    .number({ error: 'Years must be a number.' })
    .int('Years must be a whole number.')
    .min(0, 'Years cannot be negative.')
    .max(80, 'Years can be at most 80.')
    .nullish(),
  isPrimary: z.boolean({ error: 'Primary must be true or false.' }),
  keywords: textList('keyword', 'keywords', 50, 100),
};

export const createSkillInput = z.object({
  ...skillFields,
  category: skillFields.category.default('technical'),
  isPrimary: skillFields.isPrimary.default(false),
  keywords: skillFields.keywords.default([]),
});

const updateSkillInput = z.object({
  id,
  name: skillFields.name.optional(),
  category: skillFields.category.optional(),
  proficiency: skillFields.proficiency,
  years: skillFields.years,
  isPrimary: skillFields.isPrimary.optional(),
  keywords: skillFields.keywords.optional(),
});

/** Primary skills first, then alphabetical: the order every list and export uses. */
export const skillOrder = [desc(skills.isPrimary), asc(sql`lower(${skills.name})`), asc(skills.id)];

export const skillRouter = {
  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select()
        .from(skills)
        .where(eq(skills.userId, ctx.user.id))
        .orderBy(...skillOrder),
    ),
  ),

  create: protectedProcedure.input(createSkillInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .insert(skills)
        .values({ ...input, userId: ctx.user.id })
        .returning();
      return row!;
    }),
  ),

  update: protectedProcedure.input(updateSkillInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const { id: skillId, ...changes } = input;
      const [row] = await tx
        .update(skills)
        .set(definedChanges(changes))
        .where(eq(skills.id, skillId))
        .returning();
      if (!row) throw notFound('Skill');
      return row;
    }),
  ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(skills)
        .where(eq(skills.id, input.id))
        .returning({ id: skills.id });
      if (!row) throw notFound('Skill');
      return row;
    }),
  ),
} satisfies TRPCRouterRecord;
