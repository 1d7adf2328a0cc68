// The insights benchmark's account: 10,000 applications added over two years
// and about 30,000 stage-history rows along realistic paths (a tenth never
// applied, most applied with no reply, some ghosted or withdrawn, a fifth
// rejected straight away, a fifth interviewed, one in twenty hired), with
// sources and a résumé marked sent on two in five. Seeded by SQL as the owner.
import type postgres from 'postgres';
import type { BenchUser } from '../setup';

/** Stage paths by `g % 20`: 60 rows per 20 applications, so 3 history rows each on average. */
const PATHS: string[][] = [
  ['interested'],
  ...Array.from({ length: 6 }, () => ['interested', 'applied']),
  ['interested', 'applied', 'ghosted'],
  ['interested', 'applied', 'ghosted'],
  ['interested', 'applied', 'interviewing', 'withdrawn'],
  ...Array.from({ length: 4 }, () => ['interested', 'applied', 'rejected']),
  ...Array.from({ length: 3 }, () => ['interested', 'applied', 'interviewing', 'rejected']),
  ['interested', 'applied', 'interviewing', 'ghosted'],
  ['interested', 'applied', 'interviewing', 'offer'],
  ['interested', 'applied', 'interviewing', 'offer', 'accepted'],
];

const SOURCES = ['LinkedIn', 'Referral', 'Company site', 'Indeed', 'Recruiter', 'Hacker News', ''];
const RESUMES = ['Base résumé', 'Tailored résumé v1', 'Tailored résumé v2', 'Tailored résumé v3'];

export interface SeedCounts {
  applications: number;
  history: number;
  sent: number;
}

/**
 * `count` applications for `user` in one transaction. The rows the stage
 * trigger writes on insert are replaced by the paths above, dated: added at
 * a spread-out time in the last 730 days, applied a day later, each later
 * step 2-40 days after the one before (never after now).
 */
export async function seedInsights(
  sql: postgres.Sql,
  user: BenchUser,
  companyId: string,
  count: number,
): Promise<SeedCounts> {
  const paths = PATHS.map((p) => `{${p.join(',')}}`);
  await sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${user.userId}, true)`;
    await tx`
      create temporary table seed_paths (slot int primary key, path application_stage[]) on commit drop`;
    await tx`insert into seed_paths select i - 1, p::application_stage[]
               from unnest(${tx.array(paths)}::text[]) with ordinality as t(p, i)`;
    await tx`
      insert into applications (user_id, company_id, company_name, role_title, job_description,
                                stage, applied_at, source, created_at, position)
      select ${user.userId}, ${companyId}, '', 'Engineer ' || g,
             'A benchmark application: build real-time features with TypeScript and Postgres.',
             p.path[array_length(p.path, 1)],
             case when array_length(p.path, 1) > 1
                  then least(now(), now() - make_interval(days => (g * 7919) % 730, secs => (g * 13) % 86400)
                                    + interval '1 day') end,
             nullif((${tx.array(SOURCES)}::text[])[1 + (g * 31) % ${SOURCES.length}], ''),
             now() - make_interval(days => (g * 7919) % 730, secs => (g * 13) % 86400),
             'a' || lpad(g::text, 6, '0')
        from generate_series(1, ${count}) g
        join seed_paths p on p.slot = g % 20`;
    await tx`delete from application_stage_history where user_id = ${user.userId}`;
    // Step i happens gap(i) days after step i - 1; "applied" a day after added.
    await tx`
      insert into application_stage_history
        (application_id, user_id, from_stage, to_stage, changed_by, changed_at)
      select a.id, a.user_id, case when s.i > 1 then p.path[s.i - 1] end, p.path[s.i], 'user',
             least(now(), a.created_at + make_interval(days =>
               case when s.i = 1 then 0
                    else 1 + (select coalesce(sum(2 + (n * 7 + k * 11) % 39), 0)::int
                                from generate_series(3, s.i) k) end))
        from applications a
        join lateral (select substring(a.role_title from '[0-9]+$')::int as n) r on true
        join seed_paths p on p.slot = r.n % 20
        cross join lateral generate_series(1, array_length(p.path, 1)) s(i)
       where a.user_id = ${user.userId}`;
    await tx`
      insert into sent_materials (application_id, user_id, kind, label, content, sent_at)
      select a.id, a.user_id, 'resume',
             (${tx.array(RESUMES)}::text[])[1 + (r.n * 17) % ${RESUMES.length}], 'frozen résumé text', a.applied_at
        from applications a
        join lateral (select substring(a.role_title from '[0-9]+$')::int as n) r on true
       where a.user_id = ${user.userId} and a.applied_at is not null and r.n % 5 < 2`;
  });
  const [counts] = await sql<SeedCounts[]>`
    select (select count(*)::int from applications where user_id = ${user.userId}) as applications,
           (select count(*)::int from application_stage_history where user_id = ${user.userId}) as history,
           (select count(*)::int from sent_materials where user_id = ${user.userId}) as sent`;
  return counts!;
}
