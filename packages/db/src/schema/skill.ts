// Skills, one row per name (case-insensitive) per user; the generators weigh
// primary skills and proficiency when they match a job description.
import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ownerPolicies } from './policies';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

export const SKILL_CATEGORIES = ['technical', 'tool', 'language', 'soft', 'domain'] as const;
export const SKILL_PROFICIENCIES = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];
export type SkillProficiency = (typeof SKILL_PROFICIENCIES)[number];

export const skillCategory = pgEnum('skill_category', SKILL_CATEGORIES);
export const skillProficiency = pgEnum('skill_proficiency', SKILL_PROFICIENCIES);

export const skills = pgTable(
  'skills',
  {
    id: id(),
    userId: ownerId(),
    name: text('name').notNull(),
    category: skillCategory('category').notNull().default('technical'),
    proficiency: skillProficiency('proficiency'),
    years: integer('years'),
    isPrimary: boolean('is_primary').notNull().default(false),
    /** Related terms (JSON Resume keywords), e.g. "React" under "Frontend". */
    keywords: text('keywords')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('skills_user_name_key').on(t.userId, sql`lower(${t.name})`),
    check('skills_name_present', sql`char_length(btrim(${t.name})) > 0`),
    check('skills_years_range', sql`${t.years} is null or ${t.years} between 0 and 80`),
    ...ownerPolicies('skill', t.userId),
  ],
);

export type Skill = typeof skills.$inferSelect;
