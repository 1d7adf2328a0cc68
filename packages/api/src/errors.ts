// Maps database errors to tRPC errors a person can act on. A constraint the
// input broke is the caller's mistake (4xx), never an INTERNAL_SERVER_ERROR.
import { TRPCError } from '@trpc/server';
import { NUL_MESSAGE } from './fields';

interface PgError {
  code: string;
  message?: string;
  constraint_name?: string;
  detail?: string;
}

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}

/** Human messages for the named constraints of packages/db. */
const constraintMessages: Record<string, string> = {
  users_email_lower_key: 'An account with this email already exists.',
  applications_user_job_url_key: 'You already track an application with this job URL.',
  applications_job_url_http: 'The job URL must start with http:// or https://.',
  applications_job_description_length: 'The job description must be at least 50 characters.',
  applications_role_title_present: 'The role title cannot be empty.',
  applications_salary_range: 'The minimum salary cannot be above the maximum.',
  applications_salary_non_negative: 'Salaries cannot be negative.',
  applications_match_score_range: 'The match score must be between 0 and 100.',
  applications_resume_after_research: 'The resume phase needs the research phase first.',
  applications_cover_letter_after_resume: 'The cover letter phase needs the resume phase first.',
  interviews_duration_range: 'An interview lasts between 1 and 1440 minutes.',
  interviews_application_fk: 'Application not found.',
  contacts_application_fk: 'Application not found.',
  // Profile data (issue 5).
  profiles_target_salary_range: 'The minimum salary cannot be above the maximum.',
  profiles_target_salary_non_negative: 'Salaries cannot be negative.',
  profiles_target_salary_currency_code: 'Use a three-letter currency code, like USD or EUR.',
  profiles_years_of_experience_range: 'Years of experience must be between 0 and 80.',
  work_experiences_end_after_start: 'The end date cannot be before the start date.',
  work_experiences_current_has_no_end:
    'A current role has no end date: clear the end date or untick "current".',
  work_experiences_start_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  work_experiences_end_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  education_end_after_start: 'The end date cannot be before the start date.',
  education_start_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  education_end_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  certifications_expiry_after_issue: 'The expiry date cannot be before the issue date.',
  certifications_issue_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  certifications_expiry_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  certifications_url_http: 'The URL must start with http:// or https://.',
  // Projects (issue 11).
  projects_name_present: 'Enter the project’s name.',
  projects_end_after_start: 'The end date cannot be before the start date.',
  projects_start_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  projects_end_date_format: 'Use a date like 2019, 2019-06 or 2019-06-30.',
  projects_url_http: 'The URL must start with http:// or https://.',
  skills_user_name_key: 'You already list this skill (names are compared ignoring case).',
  skills_years_range: 'Years must be between 0 and 80.',
  resumes_one_primary_per_user: 'Another resume was made primary at the same time. Try again.',
  resumes_content_length: 'A base resume needs at least 100 characters.',
};

/** Finds the Postgres error in `error` or its causes (drizzle wraps them). */
function findPgError(error: unknown): PgError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (isPgError(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Rethrows `error` as the TRPCError it means; unknown errors pass through. */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof TRPCError) return error;
  const pg = findPgError(error);
  if (!pg) return error;
  const message = (pg.constraint_name && constraintMessages[pg.constraint_name]) || undefined;
  switch (pg.code) {
    case '23505':
      return new TRPCError({
        code: 'CONFLICT',
        message: message ?? 'That already exists.',
        cause: error,
      });
    case '23503':
      return new TRPCError({
        code: 'NOT_FOUND',
        message: message ?? 'A referenced item was not found.',
        cause: error,
      });
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22009':
    case '22P02':
      return new TRPCError({
        code: 'BAD_REQUEST',
        message: message ?? 'Some of the values are not valid.',
        cause: error,
      });
    // Text Postgres cannot store (NUL in text, \u0000 in jsonb) that slipped
    // past the input schemas: still the caller's input, never a 500.
    case '22021':
    case '22P05':
      return new TRPCError({ code: 'BAD_REQUEST', message: NUL_MESSAGE, cause: error });
    case '42501':
      return insufficientPrivilege(pg, error);
    // Raised with a sentence by the sharing and admin functions (0012):
    // unknown or cancelled invitation, no such account; a used link; an
    // expired link, one's own link, disabling oneself, the last admin.
    case 'P0002':
      return new TRPCError({
        code: 'NOT_FOUND',
        message: pg.message ?? 'Not found.',
        cause: error,
      });
    case 'PS001':
      return new TRPCError({
        code: 'CONFLICT',
        message: pg.message ?? 'Already used.',
        cause: error,
      });
    case 'PS002':
    case 'PS003':
    case 'PS004':
    case 'PS005':
      return new TRPCError({
        code: 'BAD_REQUEST',
        message: pg.message ?? 'That cannot be done.',
        cause: error,
      });
    default:
      return error;
  }
}

/**
 * 42501 has two sources. Postgres itself (a row RLS refuses to write, a
 * column without a grant) says nothing a person can act on: NOT_FOUND, as
 * for any id that is not theirs. Our triggers and definer functions raise it
 * with a sentence ("Only the owner of an application makes it private."):
 * FORBIDDEN with that sentence.
 */
function insufficientPrivilege(pg: PgError, error: unknown): TRPCError {
  const text = pg.message ?? '';
  if (!text || /row-level security|^permission denied/i.test(text)) {
    return new TRPCError({ code: 'NOT_FOUND', message: 'Not found.', cause: error });
  }
  return new TRPCError({ code: 'FORBIDDEN', message: text, cause: error });
}

/** Raised when an update names a version older than the row's. */
export class VersionConflict<T> extends Error {
  constructor(readonly current: T) {
    super('This was changed elsewhere since you loaded it.');
  }
}

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found.` });
}
