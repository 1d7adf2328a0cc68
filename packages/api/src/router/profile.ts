// The person's profile: who they are (what resumes and JSON Resume carry) and
// what they are looking for (what the generators and matching weigh). Created
// with the account, so there is get and update, never create or delete. People
// a search is shared with read it (get with ownerId); only its person writes it.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { workArrangement } from '@pursuit/db';
import {
  currencyCode,
  httpUrl,
  listOr,
  money,
  oneOf,
  optionalEmail,
  optionalText,
  salaryInOrder,
  text,
} from '../fields';
import { ownerInput, readableOwner } from '../services/access';
import { getProfile, updateProfile } from '../services/profile';
import { userProcedure } from '../trpc';

const WORK_ARRANGEMENTS = workArrangement.enumValues;
export const profileLink = z.object({
  label: text('Give the link a label, like LinkedIn or GitHub.')
    .trim()
    .min(1, 'Give the link a label, like LinkedIn or GitHub.')
    .max(50, 'A link label can be at most 50 characters.'),
  url: httpUrl,
  username: text()
    .trim()
    .max(100, 'A username can be at most 100 characters.')
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export const profileFields = {
  firstName: optionalText('The first name', 100),
  lastName: optionalText('The last name', 100),
  headline: optionalText('The headline', 200),
  summary: optionalText('The summary', 5_000),
  email: optionalEmail('Enter a valid email address, like name@example.com.'),
  phone: optionalText('The phone number', 50),
  location: optionalText('The location', 200),
  links: z.array(profileLink, { error: 'Links must be a list.' }).max(20, 'Add at most 20 links.'),
  industry: optionalText('The industry', 100),
  yearsOfExperience: z
    .number({ error: 'Years of experience must be a number.' })
    .int('Years of experience is a whole number.')
    .min(0, 'Years of experience cannot be negative.')
    .max(80, 'Years of experience can be at most 80.')
    .nullish(),
  targetSalaryMin: money,
  targetSalaryMax: money,
  targetSalaryCurrency: currencyCode.or(z.literal('').transform(() => null)).nullish(),
  preferredWorkArrangements: z
    .array(oneOf(WORK_ARRANGEMENTS, `Work arrangements are ${listOr(WORK_ARRANGEMENTS)}.`))
    .transform((list) => [...new Set(list)]),
  willingToRelocate: z.boolean({ error: 'Willing to relocate must be true or false.' }),
  generatorContext: optionalText('The notes for the generators', 20_000),
};

export const updateProfileInput = z
  .object({
    ...profileFields,
    links: profileFields.links.optional(),
    preferredWorkArrangements: profileFields.preferredWorkArrangements.optional(),
    willingToRelocate: profileFields.willingToRelocate.optional(),
  })
  .refine(...salaryInOrder('targetSalaryMin', 'targetSalaryMax'));

export const profileRouter = {
  /** The caller's profile, or that of an owner whose search is shared with them. */
  get: userProcedure
    .input(ownerInput)
    .query(async ({ ctx, input }) =>
      getProfile(ctx.tx, await readableOwner(ctx.tx, ctx.user.id, input.ownerId)),
    ),

  update: userProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.tx, ctx.user.id, input)),
} satisfies TRPCRouterRecord;
