// The web benchmark's account: one user's 500 applications spread over the stages as
// a plausible search, with board positions computed the way the board computes them.
import { generateNKeysBetween } from 'fractional-indexing';
import type postgres from 'postgres';
import { benchPasswordHash, createUsers, type BenchUser } from '../setup';

/** Stage → number of applications (500 in all): a plausible search. */
export const STAGE_COUNTS: readonly [string, number][] = [
  ['interested', 140],
  ['applied', 160],
  ['interviewing', 60],
  ['offer', 15],
  ['accepted', 5],
  ['rejected', 95],
  ['withdrawn', 25],
];

/** The same search ten times over: 5,000 applications (the board's limit). */
export const BIG_STAGE_COUNTS: readonly [string, number][] = STAGE_COUNTS.map(([stage, n]) => [
  stage,
  n * 10,
]);

const WORDS =
  'build operate scale design review mentor ship measure improve own lead partner customers data platform services reliability latency product roadmap teams'.split(
    ' ',
  );

/**
 * The applications of STAGE_COUNTS for one user, as the owner in one transaction
 * with the user set (so the stage-history trigger records them as the
 * user's): 120 companies, job descriptions of ~1-2 KB, notes on a third,
 * priorities and salaries varied, positions from fractional-indexing
 * (generateNKeysBetween, as the board computes them) per stage.
 */
async function seed(
  owner: postgres.Sql,
  userId: string,
  counts: readonly [string, number][],
  prefix: string,
): Promise<void> {
  const companies = Array.from({ length: 120 }, (_, i) => ({
    name: `${prefix}Company ${i + 1} GmbH`,
  }));
  const companyRows = await owner<{ id: string; name: string }[]>`
    insert into companies ${owner(companies)} returning id, name`;
  const rows: Record<string, string | number | null>[] = [];
  let n = 0;
  for (const [stage, count] of counts) {
    const keys = generateNKeysBetween(null, null, count);
    for (let i = 0; i < count; i += 1) {
      const company = companyRows[n % companyRows.length]!;
      const words = Array.from(
        { length: 150 + (n % 150) },
        (_, w) => WORDS[(n * 7 + w) % WORDS.length],
      );
      rows.push({
        user_id: userId,
        company_id: company.id,
        company_name: company.name,
        role_title: `${['Senior', 'Staff', 'Lead', 'Principal'][n % 4]} Engineer ${n + 1}`,
        job_description: `We are hiring an engineer to ${words.join(' ')}.`,
        job_url: `https://jobs.example/${n + 1}`,
        location: n % 3 === 0 ? 'Remote' : 'Berlin, DE',
        priority: ['low', 'medium', 'high'][n % 3]!,
        salary_min: n % 2 === 0 ? 70_000 + n * 10 : null,
        salary_max: n % 2 === 0 ? 95_000 + n * 10 : null,
        salary_currency: n % 2 === 0 ? 'EUR' : null,
        notes:
          n % 3 === 0
            ? `Talked to the recruiter about application ${n + 1}; follow up next week.`
            : null,
        stage,
        position: keys[i]!,
      });
      n += 1;
    }
  }
  await owner.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    for (let i = 0; i < rows.length; i += 500) {
      await tx`insert into applications ${tx(rows.slice(i, i + 500))}`;
    }
  });
  await owner`analyze`;
}

/** What was stored for the report: applications, stages, job-description lengths. */
export interface Stored {
  n: number;
  stages: number;
  shortest: number;
  longest: number;
}

/** A benchmark user, with a session, and their board seeded with `counts`. */
export async function seedBoardUser(
  owner: postgres.Sql,
  counts: readonly [string, number][] = STAGE_COUNTS,
  tag = 'web',
): Promise<{ user: BenchUser; stored: Stored }> {
  const [{ id: placeholderCompany } = { id: '' }] = await owner<{ id: string }[]>`
    insert into companies (name) values (${`Bench Placeholder ${tag}`}) returning id`;
  const [user] = await createUsers(owner, {
    tag,
    count: 1,
    sessionsPerUser: 1,
    withApplication: false,
    passwordHash: await benchPasswordHash(),
    companyId: placeholderCompany,
  });
  // Company names are unique across users: a second user's get their own.
  await seed(owner, user!.userId, counts, tag === 'web' ? '' : `${tag} `);
  const [stored] = await owner<Stored[]>`
    select count(*)::int as n, count(distinct stage)::int as stages,
           min(char_length(job_description))::int as shortest, max(char_length(job_description))::int as longest
      from applications where user_id = ${user!.userId}`;
  return { user: user!, stored: stored! };
}
