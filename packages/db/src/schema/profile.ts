// One profile per user, created with the user by a trigger: who the person is
// and what they are looking for. The document generators read it, and JSON
// Resume import/export maps onto it (packages/api/src/portable/json-resume).
import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { workArrangement } from './application';
import { appRole, currentUserId } from './roles';
import { users } from './user';
import { readPolicy } from './policies';
import { createdAt, id, updatedAt } from './columns';

export interface ProfileLink {
  /** What the link is: "LinkedIn", "GitHub", "Website", or any other label. */
  label: string;
  url: string;
  /** The person's handle on that network, when it has one (JSON Resume profiles). */
  username?: string;
}

export const profiles = pgTable(
  'profiles',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    firstName: text('first_name'),
    lastName: text('last_name'),
    headline: text('headline'),
    summary: text('summary'),
    /** Contact email shown on resumes; may differ from the sign-in email. */
    email: text('email'),
    phone: text('phone'),
    location: text('location'),
    links: jsonb('links').$type<ProfileLink[]>().notNull().default([]),
    industry: text('industry'),
    yearsOfExperience: integer('years_of_experience'),
    targetSalaryMin: integer('target_salary_min'),
    targetSalaryMax: integer('target_salary_max'),
    targetSalaryCurrency: text('target_salary_currency'),
    preferredWorkArrangements: workArrangement('preferred_work_arrangements')
      .array()
      .notNull()
      .default(sql`'{}'::work_arrangement[]`),
    willingToRelocate: boolean('willing_to_relocate').notNull().default(false),
    /** Free text the generators take into account (tone, what to stress, what to avoid). */
    generatorContext: text('generator_context'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'profiles_target_salary_range',
      sql`${t.targetSalaryMin} is null or ${t.targetSalaryMax} is null or ${t.targetSalaryMin} <= ${t.targetSalaryMax}`,
    ),
    check(
      'profiles_target_salary_non_negative',
      sql`coalesce(${t.targetSalaryMin}, 0) >= 0 and coalesce(${t.targetSalaryMax}, 0) >= 0`,
    ),
    check(
      'profiles_target_salary_currency_code',
      sql`${t.targetSalaryCurrency} is null or ${t.targetSalaryCurrency} ~ '^[A-Z]{3}$'`,
    ),
    check(
      'profiles_years_of_experience_range',
      sql`${t.yearsOfExperience} is null or ${t.yearsOfExperience} between 0 and 80`,
    ),
    check('profiles_links_array', sql`jsonb_typeof(${t.links}) = 'array'`),
    readPolicy('profile', t.userId),
    pgPolicy('owner can update profile', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = ${currentUserId}`,
      withCheck: sql`${t.userId} = ${currentUserId}`,
    }),
  ],
);

export type Profile = typeof profiles.$inferSelect;
