// Job targets (issue 14): what a person is looking for, by name, and how an
// application or a draft fits each active one. The rules are in
// targets/service.ts, the item-by-item fit in targets/fit.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { createInsertSchema } from 'drizzle-zod';
import { z } from 'zod';
import { employmentType, jobTargets, TARGET_LIMITS, workArrangement } from '@pursuit/db';
import {
  currencyCode,
  id,
  listOr,
  money,
  oneOf,
  only,
  optionalText,
  requiredText,
  text,
  textList,
} from '../fields';
import { ownerInput, readableOwner } from '../services/access';
import {
  createTarget,
  deleteTarget,
  fitApplication,
  fitDraft,
  listTargets,
  updateTarget,
} from '../targets/service';
import { userProcedure } from '../trpc';

const ARRANGEMENTS = workArrangement.enumValues;
const EMPLOYMENT_TYPES = employmentType.enumValues;

const list = (item: string, items: string) =>
  textList(item, items, TARGET_LIMITS.listItems, TARGET_LIMITS.itemLength);

const arrangementSchema = oneOf(ARRANGEMENTS, `Work arrangement must be ${listOr(ARRANGEMENTS)}.`);
const employmentSchema = oneOf(
  EMPLOYMENT_TYPES,
  `Employment type must be ${listOr(EMPLOYMENT_TYPES)}.`,
);

/** Each value once, in the order given. */
const uniqueList = <T extends string>(schema: z.ZodType<T>, items: string) =>
  z
    .array(schema, { error: `The ${items} must be a list.` })
    .max(10, `List at most 10 ${items}.`)
    .transform((values) => [...new Set(values)]);

export const targetFields = {
  name: requiredText('Name the target.', 'The name', TARGET_LIMITS.name),
  titles: list('title', 'titles'),
  preferredCompanies: list('company', 'preferred companies'),
  avoidedCompanies: list('company', 'avoided companies'),
  salaryFloor: money,
  salaryCurrency: currencyCode.or(z.literal('').transform(() => null)).nullish(),
  workArrangements: uniqueList(arrangementSchema, 'work arrangements'),
  employmentTypes: uniqueList(employmentSchema, 'employment types'),
  locations: list('location', 'locations'),
  mustHaveKeywords: list('keyword', 'must-have keywords'),
  excludedKeywords: list('keyword', 'excluded keywords'),
  active: z.boolean({ error: 'Active must be true or false.' }),
};

const targetRow = createInsertSchema(jobTargets, targetFields).pick(only(targetFields));

export const createTargetInput = targetRow.extend({
  titles: targetFields.titles.default([]),
  preferredCompanies: targetFields.preferredCompanies.default([]),
  avoidedCompanies: targetFields.avoidedCompanies.default([]),
  workArrangements: targetFields.workArrangements.default([]),
  employmentTypes: targetFields.employmentTypes.default([]),
  locations: targetFields.locations.default([]),
  mustHaveKeywords: targetFields.mustHaveKeywords.default([]),
  excludedKeywords: targetFields.excludedKeywords.default([]),
  active: targetFields.active.default(true),
});

export const updateTargetInput = targetRow
  .partial()
  .extend({ id, version: z.number().int().positive() });

/** A posting not saved yet (quick add, the form, the capture page). */
export const draftInput = z.object({
  companyName: text().trim().max(200, 'The company name can be at most 200 characters.'),
  roleTitle: text().trim().max(200, 'The role title can be at most 200 characters.'),
  description: text()
    .max(100_000, 'The job description can be at most 100,000 characters.')
    .nullish(),
  location: optionalText('Location', 200),
  workArrangement: arrangementSchema.nullish(),
  employmentType: employmentSchema.nullish(),
  salaryMin: money,
  salaryMax: money,
  salaryCurrency: currencyCode.or(z.literal('').transform(() => null)).nullish(),
});

export const targetRouter = {
  /** The caller's targets, or those of an owner whose search is shared with them. */
  list: userProcedure
    .input(ownerInput)
    .query(async ({ ctx, input }) =>
      listTargets(ctx.tx, await readableOwner(ctx.tx, ctx.user.id, input.ownerId)),
    ),

  create: userProcedure
    .input(createTargetInput)
    .mutation(({ ctx, input }) => createTarget(ctx.tx, ctx.user.id, input)),

  update: userProcedure.input(updateTargetInput).mutation(({ ctx, input }) => {
    const { id: targetId, version, ...changes } = input;
    return updateTarget(ctx.tx, targetId, version, changes);
  }),

  delete: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deleteTarget(ctx.tx, input.id)),

  /** How a draft fits each active target (the owner's own unless ownerId names a shared search). */
  fitDraft: userProcedure
    .input(z.object({ draft: draftInput, ownerId: id.optional() }))
    .query(({ ctx, input }) => fitDraft(ctx.tx, ctx.user.id, input)),

  /** How a saved application fits each active target of its owner. */
  fitApplication: userProcedure
    .input(z.object({ id }))
    .query(({ ctx, input }) => fitApplication(ctx.tx, input.id)),
} satisfies TRPCRouterRecord;
