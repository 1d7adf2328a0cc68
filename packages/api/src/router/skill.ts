// Skills on the profile: list, add, edit, remove. The rules (one per name
// whatever its case, the list order) are in services/skill.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { createInsertSchema } from 'drizzle-zod';
import { z } from 'zod';
import { skillCategory, skillProficiency, skills } from '@pursuit/db';
import { id, only, oneOf, requiredText, textList } from '../fields';
import { ownerInput, readableOwner } from '../services/access';
import { addSkill, listSkills, removeSkill, updateSkill } from '../services/skill';
import { userProcedure } from '../trpc';

const CATEGORIES = skillCategory.enumValues;
const PROFICIENCIES = skillProficiency.enumValues;

export const skillFields = {
  name: requiredText('Enter the skill.', 'A skill name', 100),
  category: oneOf(CATEGORIES, `Category must be one of: ${CATEGORIES.join(', ')}.`),
  proficiency: oneOf(
    PROFICIENCIES,
    `Proficiency must be one of: ${PROFICIENCIES.join(', ')}.`,
  ).nullish(),
  years: z
    .number({ error: 'Years must be a number.' })
    .int('Years must be a whole number.')
    .min(0, 'Years cannot be negative.')
    .max(80, 'Years can be at most 80.')
    .nullish(),
  isPrimary: z.boolean({ error: 'Primary must be true or false.' }),
  keywords: textList('keyword', 'keywords', 50, 100),
};

const skillRow = createInsertSchema(skills, skillFields).pick(only(skillFields));

export const createSkillInput = skillRow.extend({
  category: skillFields.category.default('technical'),
  isPrimary: skillFields.isPrimary.default(false),
  keywords: skillFields.keywords.default([]),
});

const updateSkillInput = skillRow.partial().extend({ id });

export const skillRouter = {
  /** The caller's skills, or those of an owner whose search is shared with them. */
  list: userProcedure
    .input(ownerInput)
    .query(async ({ ctx, input }) =>
      listSkills(ctx.tx, await readableOwner(ctx.tx, ctx.user.id, input.ownerId)),
    ),

  create: userProcedure
    .input(createSkillInput)
    .mutation(({ ctx, input }) => addSkill(ctx.tx, ctx.user.id, input)),

  update: userProcedure.input(updateSkillInput).mutation(({ ctx, input }) => {
    const { id: skillId, ...changes } = input;
    return updateSkill(ctx.tx, skillId, changes);
  }),

  delete: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => removeSkill(ctx.tx, input.id)),
} satisfies TRPCRouterRecord;
