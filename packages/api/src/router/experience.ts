// Work history on the profile: list, add, edit, remove, reorder (the shared
// ordered-entry router). "Current" means no end date, so ticking it clears
// the end date and entering an end date unticks it.
import { createInsertSchema } from 'drizzle-zod';
import { z } from 'zod';
import { workExperiences } from '@pursuit/db';
import {
  datesInOrder,
  id,
  only,
  optionalText,
  partialDate,
  requiredText,
  textList,
} from '../fields';
import { currentRoleChanges } from '../services/profile-entries';
import { orderedEntryRouter } from './ordered-entry';

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

const experienceRow = createInsertSchema(workExperiences, experienceFields).pick(
  only(experienceFields),
);

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
  endAfterStart(value, ctx);
}

const endAfterStart = datesInOrder(
  'startDate',
  'endDate',
  'The end date cannot be before the start date.',
);

export const createExperienceInput = experienceRow
  .extend({
    isCurrent: experienceFields.isCurrent.default(false),
    achievements: experienceFields.achievements.default([]),
    technologies: experienceFields.technologies.default([]),
  })
  .superRefine(checkRoleDates);

const updateExperienceInput = experienceRow.partial().extend({ id }).superRefine(checkRoleDates);

export const experienceRouter = orderedEntryRouter({
  table: workExperiences,
  noun: 'Work experience',
  create: createExperienceInput,
  update: updateExperienceInput,
  completeUpdate: currentRoleChanges,
});
