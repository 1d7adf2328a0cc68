// Interviews of an application: create, update, delete (the shared
// child-record router).
import { createInsertSchema } from 'drizzle-zod';
import { z } from 'zod';
import { interviewKind, interviewOutcome, interviews } from '@pursuit/db';
import { dateTime, id, listOr, oneOf, only, text } from '../fields';
import { childRecordRouter } from './child-record';

const fields = {
  applicationId: id,
  scheduledAt: dateTime('Give the interview a date and time.'),
  durationMinutes: z
    .number()
    .int('Duration is a whole number of minutes.')
    .min(1, 'An interview lasts at least 1 minute.')
    .max(1440, 'An interview lasts at most 24 hours.')
    .nullish(),
  kind: oneOf(
    interviewKind.enumValues,
    `Kind must be ${listOr(interviewKind.enumValues)}.`,
  ).optional(),
  locationOrLink: text().trim().max(2048, 'The location or link is too long.').nullish(),
  // Kept as typed, untrimmed: notes may be laid out with leading spaces.
  notes: text().max(100_000, 'Notes can be at most 100,000 characters.').nullish(),
  outcome: oneOf(
    interviewOutcome.enumValues,
    `Outcome must be ${listOr(interviewOutcome.enumValues)}.`,
  ).optional(),
};

const interviewRow = createInsertSchema(interviews, fields).pick(only(fields));

export const interviewRouter = childRecordRouter({
  table: interviews,
  noun: 'Interview',
  create: interviewRow,
  update: interviewRow
    .omit({ applicationId: true })
    .extend({ id, scheduledAt: fields.scheduledAt.optional() }),
});
