// How much one list call returns at most (issue 10): every list that can grow
// without bound is capped here, and the reply says when it was cut short, so
// one account's data can never make a single call unbounded in time or memory.

/** Board cards per application.list call; past it the reply has `truncated: true`. */
export const BOARD_CARD_LIMIT = 5_000;
/** Stage changes shown on one application (the newest); `historyTruncated` past it. */
export const STAGE_HISTORY_LIMIT = 500;
/** Interviews and contacts shown on one application; `…Truncated` past it. */
export const CHILD_RECORD_LIMIT = 500;
/** Version summaries per document (the newest); `versionsTruncated` past it. */
export const DOCUMENT_VERSION_LIMIT = 200;
/**
 * Sessions one account keeps: signing in past it ends the least recently used,
 * so auth.sessions (newest first) is never cut short.
 */
export const SESSIONS_PER_USER_LIMIT = 500;

/** The first `limit` rows, and whether there were more (the query asked for limit + 1). */
export function capped<T>(rows: T[], limit: number): { rows: T[]; truncated: boolean } {
  return rows.length > limit
    ? { rows: rows.slice(0, limit), truncated: true }
    : { rows, truncated: false };
}

/**
 * Entries per profile list (work experience, education, certifications,
 * projects, skills). Adding past it is refused with a message, so the lists, the
 * profile page and document generation never see more.
 */
export const PROFILE_LIST_LIMIT = 500;
/** Base resumes one account keeps; creating or duplicating past it is refused. */
export const RESUME_LIMIT = 100;

/** Job targets one account may keep (issue 14): a handful in practice. */
export const TARGET_LIMIT = 50;
