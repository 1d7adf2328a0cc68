// The export benchmark's accounts: applications with realistic job descriptions,
// stage history, interviews and contacts, seeded by SQL in one transaction per user.
import type postgres from 'postgres';
import type { BenchUser } from '../setup';

/**
 * `count` applications for `user`, as the owner in one transaction with the
 * user set (so the stage-history trigger records them as the user's): a job
 * description of 2-4 KB each, notes on half, two more stage moves on a third
 * (three history rows), an interview on a fifth and a contact on a quarter.
 */
export async function seedApplications(
  sql: postgres.Sql,
  user: BenchUser,
  companyId: string,
  count: number,
) {
  await sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${user.userId}, true)`;
    await tx`
      insert into applications (user_id, company_id, company_name, role_title, job_description,
                                job_url, location, work_arrangement, salary_min, salary_max,
                                salary_currency, notes, source, position)
      select ${user.userId}, ${companyId}, '', 'Engineer ' || g,
             'We are hiring. ' || (select string_agg(md5(g::text || '-' || i), ' ')
                                     from generate_series(1, 60 + g % 60) i),
             'https://jobs.example/' || g, 'Berlin, DE', 'hybrid', 60000 + g, 90000 + g, 'EUR',
             case when g % 2 = 0 then '=note ' || g || ', "quoted", with a comma' end,
             'bench', 'a' || lpad(g::text, 6, '0')
        from generate_series(1, ${count}) g`;
    await tx`update applications set stage = 'applied' where user_id = ${user.userId} and role_title ~ '[0-9]*[02468]$'`;
    await tx`
      update applications set stage = 'interviewing'
       where user_id = ${user.userId} and stage = 'applied' and (substring(role_title from '[0-9]+$')::int % 3) = 0`;
    await tx`
      insert into interviews (application_id, user_id, scheduled_at, kind, notes)
      select id, user_id, now() + interval '1 day', 'technical', 'Bring the whiteboard.'
        from applications where user_id = ${user.userId} and (substring(role_title from '[0-9]+$')::int % 5) = 0`;
    await tx`
      insert into contacts (application_id, user_id, name, role, email)
      select id, user_id, 'Recruiter ' || role_title, 'Recruiter', 'recruiter@example.com'
        from applications where user_id = ${user.userId} and (substring(role_title from '[0-9]+$')::int % 4) = 0`;
  });
}
