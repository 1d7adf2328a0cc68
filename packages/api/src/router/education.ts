// Schools and degrees on the profile: list, add, edit, remove, reorder (the
// shared ordered-entry router).
import { createInsertSchema } from 'drizzle-zod';
import { education } from '@pursuit/db';
import {
  datesInOrder,
  id,
  only,
  optionalText,
  partialDate,
  requiredText,
  textList,
} from '../fields';
import { orderedEntryRouter } from './ordered-entry';

export const educationFields = {
  institution: requiredText('Enter the school or university.', 'The institution', 200),
  degree: optionalText('The degree', 200),
  fieldOfStudy: optionalText('The field of study', 200),
  startDate: partialDate,
  endDate: partialDate,
  description: optionalText('The description', 10_000),
  courses: textList('course', 'courses', 100, 200),
};

const educationRow = createInsertSchema(education, educationFields).pick(only(educationFields));

const checkDates = datesInOrder(
  'startDate',
  'endDate',
  'The end date cannot be before the start date.',
);

export const createEducationInput = educationRow
  .extend({ courses: educationFields.courses.default([]) })
  .superRefine(checkDates);

const updateEducationInput = educationRow
  .extend({
    id,
    institution: educationFields.institution.optional(),
    courses: educationFields.courses.optional(),
  })
  .superRefine(checkDates);

export const educationRouter = orderedEntryRouter({
  table: education,
  noun: 'Education',
  create: createEducationInput,
  update: updateEducationInput,
});
