// Offers: the compare page's list across a search, one application's offers,
// and adding, changing and removing one. Input schemas come from the table;
// the rules and the totals are in services/offer.ts and offers/compensation.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { createInsertSchema } from 'drizzle-zod';
import { z } from 'zod';
import { offers, offerStatus, workArrangement } from '@pursuit/db';
import { currencyCode, dateTime, id, listOr, oneOf, only, optionalText, text } from '../fields';
import { ownerInput } from '../services/access';
import {
  createOffer,
  deleteOffer,
  listOffers,
  offersForApplication,
  updateOffer,
} from '../services/offer';
import { userProcedure } from '../trpc';

/** The largest amount an integer column holds, rounded down to something a person reads. */
const MAX_AMOUNT = 2_000_000_000;

/** A whole, non-negative amount of the offer's currency. */
const amount = (label: string) =>
  z
    .number({ error: `${label} is a number, in whole units of the offer’s currency.` })
    .int(`${label} is a whole number (no cents).`)
    .min(0, `${label} cannot be negative.`)
    .max(MAX_AMOUNT, `${label} can be at most ${MAX_AMOUNT.toLocaleString('en')}.`);

/** Percent with at most two decimals, as numeric(5,2) keeps it. */
const hasTwoDecimalsAtMost = (value: number) =>
  Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

const fields = {
  applicationId: id,
  currency: text('Enter the currency as a three-letter code, like USD or EUR.').pipe(currencyCode),
  baseSalary: amount('The base salary'),
  bonusTargetPercent: z
    .number({ error: 'The bonus target is a percentage of base, like 15.' })
    .min(0, 'The bonus target is between 0 and 500 %.')
    .max(500, 'The bonus target is between 0 and 500 %.')
    .refine(hasTwoDecimalsAtMost, 'Give the bonus target with at most two decimals, like 12.5.')
    .nullish(),
  equityDescription: optionalText('The equity description', 2_000),
  equityAnnualValue: amount('The equity value per year').nullish(),
  signOnBonus: amount('The sign-on bonus').nullish(),
  benefits: optionalText('Benefits', 5_000),
  ptoDays: z
    .number({ error: 'Paid time off is a number of days.' })
    .int('Paid time off is a whole number of days.')
    .min(0, 'Paid time off is between 0 and 366 days.')
    .max(366, 'Paid time off is between 0 and 366 days.')
    .nullish(),
  location: optionalText('Location', 200),
  workArrangement: oneOf(
    workArrangement.enumValues,
    `Work arrangement must be ${listOr(workArrangement.enumValues)}.`,
  ).nullish(),
  startDate: z.iso.date('Give the start date like 2026-12-31.').nullish(),
  responseDeadline: dateTime('Give the response deadline as a date and time.').nullish(),
  status: oneOf(
    offerStatus.enumValues,
    `Status must be ${listOr(offerStatus.enumValues)}.`,
  ).optional(),
  note: optionalText('The note', 10_000),
};

const offerRow = createInsertSchema(offers, fields).pick(only(fields));

export const createOfferInput = offerRow;
export const updateOfferInput = offerRow.omit({ applicationId: true }).partial().extend({ id });

export const offerRouter = {
  /** Every offer of one search (the caller's own by default) with totals, and the caller's role. */
  list: userProcedure
    .input(ownerInput)
    .query(({ ctx, input }) => listOffers(ctx.tx, ctx.user.id, input.ownerId)),

  forApplication: userProcedure
    .input(z.object({ applicationId: id }))
    .query(({ ctx, input }) => offersForApplication(ctx.tx, input.applicationId)),

  create: userProcedure
    .input(createOfferInput)
    .mutation(({ ctx, input }) => createOffer(ctx.tx, input)),

  update: userProcedure.input(updateOfferInput).mutation(({ ctx, input }) => {
    const { id: offerId, ...changes } = input;
    return updateOffer(ctx.tx, offerId, changes);
  }),

  delete: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deleteOffer(ctx.tx, input.id)),
} satisfies TRPCRouterRecord;
