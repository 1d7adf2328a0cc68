// The person's profile: who they are (what resumes and JSON Resume carry) and
// what they are looking for (what the generators and matching weigh). Created
// with the account, so there is get and update, never create or delete.
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { profiles, withUser } from '@pursuit/db';
import { notFound } from '../errors';
import { definedChanges, httpUrl, optionalText } from '../fields';
import { protectedProcedure } from '../trpc';

const WORK_ARRANGEMENTS = ['remote', 'hybrid', 'onsite'] as const;

const money = z
  .number({ error: 'Salaries are numbers.' })
  .int('Salaries are whole numbers.')
  .min(0, 'Salaries cannot be negative.')
  .max(100_000_000, 'That salary is too large.')
  .nullish();

export const profileLink = z.object({
  label: z
    .string({ error: 'Give the link a label, like LinkedIn or GitHub.' })
    .trim()
    .min(1, 'Give the link a label, like LinkedIn or GitHub.')
    .max(50, 'A link label can be at most 50 characters.'),
  url: httpUrl,
  username: z
    .string()
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
  email: z
    .string()
    .trim()
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter a valid email address, like name@example.com.'))
    .or(z.literal('').transform(() => null))
    .nullish(),
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
  targetSalaryCurrency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code, like USD or EUR.')
    .transform((v) => v.toUpperCase())
    .or(z.literal('').transform(() => null))
    .nullish(),
  preferredWorkArrangements: z
    .array(z.enum(WORK_ARRANGEMENTS, { error: 'Work arrangements are remote, hybrid or onsite.' }))
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
  .refine(
    (v) =>
      v.targetSalaryMin == null ||
      v.targetSalaryMax == null ||
      v.targetSalaryMin <= v.targetSalaryMax,
    { message: 'The minimum salary cannot be above the maximum.', path: ['targetSalaryMin'] },
  );

export const profileRouter = {
  get: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx.select().from(profiles).where(eq(profiles.userId, ctx.user.id));
      if (!row) throw notFound('Profile');
      return row;
    }),
  ),

  update: protectedProcedure.input(updateProfileInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .update(profiles)
        .set(definedChanges(input))
        .where(eq(profiles.userId, ctx.user.id))
        .returning();
      if (!row) throw notFound('Profile');
      return row;
    }),
  ),
} satisfies TRPCRouterRecord;
