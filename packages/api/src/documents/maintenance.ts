// Housekeeping for generated documents, run by the worker as the owner role
// (it looks across users): generations whose worker died are marked failed so
// the person can retry, and superseded versions past their expiry are removed.
import type { Database } from '@pursuit/db';

/**
 * A generation writes at least every few seconds while it runs; one silent for
 * `staleSeconds` lost its worker. Queued jobs that the queue no longer holds
 * (the worker crashed before taking them, or the queue was reset) fail too.
 */
export async function failStaleGenerations(owner: Database, staleSeconds: number): Promise<number> {
  const rows = await owner.sql<{ id: string }[]>`
    update documents
       set status = 'failed',
           error = 'The generator stopped before finishing. Try again.',
           draft = null,
           job_id = null
     where (status = 'generating' and updated_at < now() - make_interval(secs => ${staleSeconds}))
        or (status = 'queued' and updated_at < now() - make_interval(secs => ${staleSeconds})
            and not exists (select 1 from graphile_worker.jobs j where j.key = documents.job_id))
    returning id`;
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
