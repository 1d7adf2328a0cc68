// Projects on the profile (JSON Resume `projects`): list, add, edit, remove,
// reorder (the shared ordered-entry router). The generators read their
// description, highlights and keywords as evidence.
import { createInsertSchema } from 'drizzle-zod';
import { projects } from '@pursuit/db';
import {
  datesInOrder,
  id,
  only,
  optionalHttpUrl,
  optionalText,
  partialDate,
  requiredText,
  textList,
} from '../fields';
import { orderedEntryRouter } from './ordered-entry';

export const projectFields = {
  name: requiredText('Enter the project’s name.', 'The name', 200),
  description: optionalText('The description', 10_000),
  highlights: textList('highlight', 'highlights', 50, 1_000),
  keywords: textList('keyword', 'keywords', 50, 100),
  roles: textList('role', 'roles', 20, 100),
  url: optionalHttpUrl,
  startDate: partialDate,
  endDate: partialDate,
};

const projectRow = createInsertSchema(projects, projectFields).pick(only(projectFields));

const checkDates = datesInOrder(
  'startDate',
  'endDate',
  'The end date cannot be before the start date.',
);

export const createProjectInput = projectRow
  .extend({
    highlights: projectFields.highlights.default([]),
    keywords: projectFields.keywords.default([]),
    roles: projectFields.roles.default([]),
  })
  .superRefine(checkDates);

const updateProjectInput = projectRow.partial().extend({ id }).superRefine(checkDates);

export const projectRouter = orderedEntryRouter({
  table: projects,
  noun: 'Project',
  create: createProjectInput,
  update: updateProjectInput,
});
