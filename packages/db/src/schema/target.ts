// Job-search targets (issue 14; the seed platform's job_search_preferences):
// what a person is looking for, by name, so each application can show how it
// fits. Read like the profile tables (owner and grantees), written by the owner.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { employmentType, workArrangement } from './application';
import { ownerPolicies } from './policies';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

/** Size limits shared by the CHECKs here and the zod input of target.* . */
export const TARGET_LIMITS = {
  name: 100,
  /** Items in each list (titles, companies, locations, keywords). */
  listItems: 50,
  /** Characters in one list item. */
  itemLength: 200,
} as const;

/** A text[] column holding at most listItems items of at most itemLength characters. */
function listCheck(name: string, column: unknown) {
  return check(
    name,
    sql`cardinality(${column}) <= ${sql.raw(String(TARGET_LIMITS.listItems))} and char_length(array_to_string(${column}, '')) <= ${sql.raw(String(TARGET_LIMITS.listItems * TARGET_LIMITS.itemLength))}`,
  );
}

const emptyText = () => sql`'{}'::text[]`;

export const jobTargets = pgTable(
  'job_targets',
  {
    id: id(),
    userId: ownerId(),
    name: text('name').notNull(),
    /** Role titles wanted ("Backend engineer", "Platform engineer"). */
    titles: text('titles').array().notNull().default(emptyText()),
    preferredCompanies: text('preferred_companies').array().notNull().default(emptyText()),
    avoidedCompanies: text('avoided_companies').array().notNull().default(emptyText()),
    /** The lowest acceptable yearly salary, in whole units of salaryCurrency. */
    salaryFloor: integer('salary_floor'),
    salaryCurrency: text('salary_currency'),
    workArrangements: workArrangement('work_arrangements')
      .array()
      .notNull()
      .default(sql`'{}'::work_arrangement[]`),
    employmentTypes: employmentType('employment_types')
      .array()
      .notNull()
      .default(sql`'{}'::employment_type[]`),
    locations: text('locations').array().notNull().default(emptyText()),
    /** Words the job description must contain. */
    mustHaveKeywords: text('must_have_keywords').array().notNull().default(emptyText()),
    /** Words the job description must not contain ("on-call"). */
    excludedKeywords: text('excluded_keywords').array().notNull().default(emptyText()),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('job_targets_user_idx').on(t.userId, t.createdAt),
    check(
      'job_targets_name_length',
      sql`char_length(btrim(${t.name})) between 1 and ${sql.raw(String(TARGET_LIMITS.name))}`,
    ),
    check(
      'job_targets_salary_floor_range',
      sql`${t.salaryFloor} is null or ${t.salaryFloor} between 0 and 100000000`,
    ),
    check(
      'job_targets_salary_currency_code',
      sql`${t.salaryCurrency} is null or ${t.salaryCurrency} ~ '^[A-Z]{3}$'`,
    ),
    check(
      'job_targets_salary_needs_currency',
      sql`${t.salaryFloor} is null or ${t.salaryCurrency} is not null`,
    ),
    listCheck('job_targets_titles_size', t.titles),
    listCheck('job_targets_preferred_companies_size', t.preferredCompanies),
    listCheck('job_targets_avoided_companies_size', t.avoidedCompanies),
    listCheck('job_targets_locations_size', t.locations),
    listCheck('job_targets_must_have_keywords_size', t.mustHaveKeywords),
    listCheck('job_targets_excluded_keywords_size', t.excludedKeywords),
    ...ownerPolicies('job target', t.userId),
  ],
);

export type JobTarget = typeof jobTargets.$inferSelect;
