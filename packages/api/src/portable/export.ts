// "Export everything" and the applications CSV as async generators of text
// chunks, so the HTTP layer can stream them: rows come from Postgres through
// cursors a few hundred at a time, inside one read-only REPEATABLE READ
// transaction as the user (RLS applies, and every section is read from the
// same snapshot). Memory stays flat however many applications there are.
import type { Database } from '@pursuit/db';
import { csvLine, csvLines } from './csv';

type Reserved = Awaited<ReturnType<Database['sql']['reserve']>>;

/** Rows fetched per cursor round trip (64 measured best for peak RSS in pnpm bench:export). */
const BATCH = 64;

export const EXPORT_FORMAT = 'pursuit-export';
export const EXPORT_VERSION = 1;

/**
 * Runs `body` on one reserved connection in a read-only snapshot as `userId`.
 * If the consumer stops early (the download was cancelled), the transaction
 * is rolled back and the connection goes back to the pool.
 */
async function* inUserSnapshot(
  db: Database,
  userId: string,
  body: (sql: Reserved) => AsyncGenerator<string>,
): AsyncGenerator<string> {
  const sql = await db.sql.reserve();
  let open = false;
  try {
    await sql`begin isolation level repeatable read read only`;
    open = true;
    await sql`select set_config('app.user_id', ${userId}, true)`;
    yield* body(sql);
    await sql`commit`;
    open = false;
  } finally {
    if (open) await sql`rollback`.catch(() => undefined);
    sql.release();
  }
}

/**
 * Text pieces of at most about this many characters. Small pieces stay in V8's
 * young generation and die there; a piece the size of a whole batch (a
 * megabyte) would go straight to large-object space and linger until a full GC.
 */
const PIECE = 32 * 1024;

/** A JSON array of the rows' `json` column, streamed in small pieces. */
async function* jsonArray(rows: AsyncIterable<{ json: string }[]>): AsyncGenerator<string> {
  let piece = '[';
  let first = true;
  for await (const batch of rows) {
    for (const row of batch) {
      piece += (first ? '' : ',') + row.json;
      first = false;
      if (piece.length >= PIECE) {
        yield piece;
        piece = '';
      }
    }
  }
  yield `${piece}]`;
}

type Section = [
  key: string,
  rows: (sql: Reserved, userId: string) => AsyncIterable<{ json: string }[]>,
];

// Each section names its keys explicitly: the file is a contract, not a dump
// of whatever columns exist today.
const sections: Section[] = [
  [
    'workExperiences',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'company', company, 'title', title, 'location', location,
        'startDate', start_date, 'endDate', end_date, 'isCurrent', is_current,
        'description', description, 'achievements', achievements, 'technologies', technologies,
        'position', position, 'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from work_experiences where user_id = ${userId} order by position, created_at, id`.cursor(
        BATCH,
      ),
  ],
  [
    'education',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'institution', institution, 'degree', degree, 'fieldOfStudy', field_of_study,
        'startDate', start_date, 'endDate', end_date, 'description', description,
        'courses', courses, 'position', position, 'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from education where user_id = ${userId} order by position, created_at, id`.cursor(BATCH),
  ],
  [
    'certifications',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'name', name, 'issuingOrganization', issuing_organization,
        'issueDate', issue_date, 'expiryDate', expiry_date, 'credentialId', credential_id,
        'url', url, 'position', position, 'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from certifications where user_id = ${userId} order by position, created_at, id`.cursor(
        BATCH,
      ),
  ],
  [
    'projects',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'name', name, 'description', description, 'highlights', highlights,
        'keywords', keywords, 'roles', roles, 'url', url,
        'startDate', start_date, 'endDate', end_date,
        'position', position, 'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from projects where user_id = ${userId} order by position, created_at, id`.cursor(BATCH),
  ],
  [
    'skills',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'name', name, 'category', category, 'proficiency', proficiency,
        'years', years, 'isPrimary', is_primary, 'keywords', keywords,
        'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from skills where user_id = ${userId} order by is_primary desc, lower(name), id`.cursor(
        BATCH,
      ),
  ],
  [
    'resumes',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'name', name, 'focusArea', focus_area, 'isPrimary', is_primary,
        'content', content, 'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from resumes where user_id = ${userId} order by created_at, id`.cursor(BATCH),
  ],
  [
    'applications',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', a.id, 'companyName', a.company_name, 'companyWebsite', c.website,
        'roleTitle', a.role_title, 'jobUrl', a.job_url, 'jobDescription', a.job_description,
        'location', a.location, 'workArrangement', a.work_arrangement,
        'employmentType', a.employment_type, 'salaryMin', a.salary_min,
        'salaryMax', a.salary_max, 'salaryCurrency', a.salary_currency,
        'priority', a.priority, 'stage', a.stage,
        'researchCompleted', a.research_completed, 'resumeOptimized', a.resume_optimized,
        'coverLetterGenerated', a.cover_letter_generated, 'matchScore', a.match_score,
        'notes', a.notes, 'source', a.source, 'appliedAt', a.applied_at,
        'rejectionReason', a.rejection_reason,
        'followUpOn', a.follow_up_on, 'archivedAt', a.archived_at, 'version', a.version,
        'createdAt', a.created_at, 'updatedAt', a.updated_at,
        'stageHistory', coalesce((
          select json_agg(json_build_object(
                   'fromStage', h.from_stage, 'toStage', h.to_stage, 'note', h.note,
                   'reason', h.reason, 'changedBy', h.changed_by, 'changedAt', h.changed_at)
                 -- The creation step may share its time with a backdated
                 -- application step; it still comes first.
                 order by h.changed_at, h.from_stage is not null, h.id)
            from application_stage_history h where h.application_id = a.id), '[]'::json),
        'interviews', coalesce((
          select json_agg(json_build_object(
                   'id', i.id, 'scheduledAt', i.scheduled_at, 'durationMinutes', i.duration_minutes,
                   'kind', i.kind, 'locationOrLink', i.location_or_link, 'notes', i.notes,
                   'outcome', i.outcome, 'createdAt', i.created_at, 'updatedAt', i.updated_at)
                 order by i.scheduled_at, i.id)
            from interviews i where i.application_id = a.id), '[]'::json),
        'contacts', coalesce((
          select json_agg(json_build_object(
                   'id', k.id, 'name', k.name, 'role', k.role, 'email', k.email,
                   'phone', k.phone, 'notes', k.notes, 'createdAt', k.created_at,
                   'updatedAt', k.updated_at)
                 order by k.created_at, k.id)
            from contacts k where k.application_id = a.id), '[]'::json),
        'sent', coalesce((
          select json_agg(json_build_object(
                   'id', m.id, 'kind', m.kind, 'label', m.label, 'resumeId', m.resume_id,
                   'documentVersionId', m.document_version_id, 'content', m.content,
                   'sentAt', m.sent_at, 'createdAt', m.created_at)
                 order by m.kind)
            from sent_materials m where m.application_id = a.id), '[]'::json),
        'offers', coalesce((
          select json_agg(json_build_object(
                   'id', o.id, 'currency', o.currency, 'baseSalary', o.base_salary,
                   'bonusTargetPercent', o.bonus_target_percent,
                   'equityDescription', o.equity_description,
                   'equityAnnualValue', o.equity_annual_value, 'signOnBonus', o.sign_on_bonus,
                   'benefits', o.benefits, 'ptoDays', o.pto_days, 'location', o.location,
                   'workArrangement', o.work_arrangement, 'startDate', o.start_date,
                   'responseDeadline', o.response_deadline, 'status', o.status, 'note', o.note,
                   'createdAt', o.created_at, 'updatedAt', o.updated_at)
                 order by o.created_at, o.id)
            from offers o where o.application_id = a.id), '[]'::json)
      )::text as json
        from applications a join companies c on c.id = a.company_id
       where a.user_id = ${userId}
       order by a.created_at, a.id`.cursor(BATCH),
  ],
  [
    // The job targets (issue 14) with everything they say.
    'targets',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'id', id, 'name', name, 'titles', titles,
        'preferredCompanies', preferred_companies, 'avoidedCompanies', avoided_companies,
        'salaryFloor', salary_floor, 'salaryCurrency', salary_currency,
        'workArrangements', work_arrangements, 'employmentTypes', employment_types,
        'locations', locations, 'mustHaveKeywords', must_have_keywords,
        'excludedKeywords', excluded_keywords, 'active', active,
        'createdAt', created_at, 'updatedAt', updated_at)::text as json
        from job_targets where user_id = ${userId} order by created_at, id`.cursor(BATCH),
  ],
  [
    // The daily snapshots (user_analytics), so trends survive a move to another instance.
    'analytics',
    (sql, userId) =>
      sql<{ json: string }[]>`
      select json_build_object(
        'day', day, 'applicationsSubmitted', applications_submitted,
        'interviewsScheduled', interviews_scheduled, 'offersReceived', offers_received,
        'documentsGenerated', documents_generated, 'responseRate', response_rate,
        'createdAt', created_at)::text as json
        from user_analytics where user_id = ${userId} order by day`.cursor(BATCH),
  ],
];

/** One JSON document with everything the user owns (see docs in the README). */
export function exportEverything(db: Database, userId: string): AsyncGenerator<string> {
  return inUserSnapshot(db, userId, async function* (sql) {
    const [head] = await sql<{ account: string; profile: string | null; at: string }[]>`
      select json_build_object(
               'id', u.id, 'email', u.email, 'displayName', u.display_name,
               'createdAt', u.created_at)::text as account,
             (select json_build_object(
                'firstName', p.first_name, 'lastName', p.last_name, 'headline', p.headline,
                'summary', p.summary, 'email', p.email, 'phone', p.phone,
                'location', p.location, 'links', p.links, 'industry', p.industry,
                'yearsOfExperience', p.years_of_experience,
                'targetSalaryMin', p.target_salary_min, 'targetSalaryMax', p.target_salary_max,
                'targetSalaryCurrency', p.target_salary_currency,
                'preferredWorkArrangements', p.preferred_work_arrangements,
                'willingToRelocate', p.willing_to_relocate,
                'generatorContext', p.generator_context, 'updatedAt', p.updated_at)::text
                from profiles p where p.user_id = u.id) as profile,
             to_json(now())::text as at
        from users u where u.id = ${userId}`;
    if (!head) throw new Error('the account to export does not exist');
    yield (
      `{"format":"${EXPORT_FORMAT}","version":${EXPORT_VERSION},"exportedAt":${head.at},` +
      `"account":${head.account},"profile":${head.profile ?? 'null'}`
    );
    for (const [key, rows] of sections) {
      yield `,"${key}":`;
      yield* jsonArray(rows(sql, userId));
    }
    yield '}\n';
  });
}

export const CSV_COLUMNS = [
  'Company',
  'Role',
  'Stage',
  'Priority',
  'Location',
  'Work arrangement',
  'Employment type',
  'Salary min',
  'Salary max',
  'Salary currency',
  'Job URL',
  'Source',
  'Applied at',
  'Follow-up on',
  'Match score',
  'Rejection reason',
  'Created',
  'Updated',
  'Notes',
] as const;

interface CsvRow {
  company_name: string;
  role_title: string;
  stage: string;
  priority: string;
  location: string | null;
  work_arrangement: string | null;
  employment_type: string | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_currency: string | null;
  job_url: string | null;
  source: string | null;
  applied_at: string | null;
  follow_up_on: string | null;
  match_score: number | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
  notes: string | null;
}

/**
 * One row per application, the columns a spreadsheet user expects, in the
 * import's own vocabulary (so the file imports back). UTF-8 with a BOM so
 * Excel reads accents right; times in UTC ISO 8601.
 */
export function exportApplicationsCsv(db: Database, userId: string): AsyncGenerator<string> {
  return inUserSnapshot(db, userId, async function* (sql) {
    yield `\ufeff${csvLine([...CSV_COLUMNS])}`;
    const rows = sql<CsvRow[]>`
      select company_name, role_title, stage::text, priority::text, location,
             work_arrangement::text, employment_type::text, salary_min, salary_max,
             salary_currency, job_url, source,
             to_char(applied_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as applied_at,
             follow_up_on::text as follow_up_on, match_score, rejection_reason,
             to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
             to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at,
             notes
        from applications where user_id = ${userId}
       order by created_at, id`.cursor(BATCH);
    let piece = '';
    for await (const batch of rows) {
      // csv-stringify writes the whole batch (64 rows) in one call.
      piece += csvLines(
        batch.map((r) => [
          r.company_name,
          r.role_title,
          r.stage,
          r.priority,
          r.location,
          r.work_arrangement,
          r.employment_type,
          r.salary_min,
          r.salary_max,
          r.salary_currency,
          r.job_url,
          r.source,
          r.applied_at,
          r.follow_up_on,
          r.match_score,
          r.rejection_reason,
          r.created_at,
          r.updated_at,
          r.notes,
        ]),
      );
      if (piece.length >= PIECE) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  });
}
