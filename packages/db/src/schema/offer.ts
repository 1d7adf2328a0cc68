// Offers received for an application, compared side by side. Money is whole
// units of the offer's own currency; nothing here converts between currencies.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications, workArrangement } from './application';
import { applicationChildPolicies } from './policies';
import { createdAt, id, updatedAt } from './columns';

export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const offerStatus = pgEnum('offer_status', OFFER_STATUSES);

export const offers = pgTable(
  'offers',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** ISO 4217 code; every amount of this offer is in it. */
    currency: text('currency').notNull(),
    /** Annual base salary. */
    baseSalary: integer('base_salary').notNull(),
    /** Target bonus as a percentage of base (e.g. 15 or 12.5). */
    bonusTargetPercent: numeric('bonus_target_percent', {
      precision: 5,
      scale: 2,
      mode: 'number',
    }),
    equityDescription: text('equity_description'),
    /** The person's own estimate of the equity's value per year. */
    equityAnnualValue: integer('equity_annual_value'),
    /** Paid once, in the first year. */
    signOnBonus: integer('sign_on_bonus'),
    benefits: text('benefits'),
    ptoDays: integer('pto_days'),
    location: text('location'),
    workArrangement: workArrangement('work_arrangement'),
    startDate: date('start_date'),
    responseDeadline: timestamp('response_deadline', { withTimezone: true }),
    status: offerStatus('status').notNull().default('pending'),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'offers_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    index('offers_application_idx').on(t.applicationId),
    index('offers_user_deadline_idx').on(t.userId, t.responseDeadline),
    check('offers_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      'offers_amounts_non_negative',
      sql`${t.baseSalary} >= 0 and coalesce(${t.equityAnnualValue}, 0) >= 0 and coalesce(${t.signOnBonus}, 0) >= 0`,
    ),
    check(
      'offers_bonus_range',
      sql`${t.bonusTargetPercent} is null or ${t.bonusTargetPercent} between 0 and 500`,
    ),
    check('offers_pto_range', sql`${t.ptoDays} is null or ${t.ptoDays} between 0 and 366`),
    ...applicationChildPolicies('offer', t.userId, t.applicationId),
  ],
);

export type Offer = typeof offers.$inferSelect;
