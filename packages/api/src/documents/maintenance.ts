// Housekeeping for generated documents, run by the worker as the owner role
// (it looks across users): generations that will never finish (worker dead,
// job gone or exhausted) are marked failed so the person can retry, and
// superseded versions past their expiry are removed.
import type { Database } from '@pursuit/db';

export const STOPPED_MESSAGE = 'The generator stopped before finishing. Try again.';
export const NOT_STARTED_MESSAGE = 'The generation could not start. Try again.';

/**
 * Fails the generations that will never finish, so the person can retry:
 * - generating, with no heartbeat (documents.heartbeat_at, beaten by the
 *   worker even while a model is silent) for `staleSeconds`: its worker died;
 * - queued, with no job that can still run it: the job is gone (never added,
 *   removed, or the queue was reset) and `staleSeconds` have passed (the job
 *   is added just after the document commits), or the job has used all its
 *   attempts and no worker holds it (it failed before taking the document).
 */
export async function failStaleGenerations(owner: Database, staleSeconds: number): Promise<number> {
  const rows = await owner.sql<{ id: string }[]>`
    with stale as (select now() - make_interval(secs => ${staleSeconds}) as before)
    update documents d
       set status = 'failed',
           error = case when d.status = 'generating' then ${STOPPED_MESSAGE}
                        else ${NOT_STARTED_MESSAGE} end,
           draft = null,
           job_id = null
      from stale
     where (d.status = 'generating' and coalesce(d.heartbeat_at, d.updated_at) < stale.before)
        or (d.status = 'queued'
            and not exists (
              select 1 from graphile_worker.jobs j
               where j.key = d.job_id
                 and (j.attempts < j.max_attempts or j.locked_at > stale.before))
            and (d.updated_at < stale.before
                 or exists (select 1 from graphile_worker.jobs j where j.key = d.job_id)))
    returning d.id`;
  return rows.length;
}

/** Deletes superseded versions whose expiry has passed; the current one never expires. */
export async function pruneExpiredVersions(owner: Database): Promise<number> {
  const rows = await owner.sql<{ id: string }[]>`
    delete from document_versions v
     using documents d
     where d.id = v.document_id
       and v.expires_at is not null
       and v.expires_at < now()
       and v.version is distinct from d.current_version
    returning v.id`;
  return rows.length;
}
