// The job that keeps embeddings current (issue 14). A trigger queues it when
// an application's role or description, or a document's current version,
// changes (migration "search_and_meaning"); a periodic sweep queues whatever
// is still missing or stale for the current model (a worker that was down, a
// model just switched on). The job runs as the subject's owner under RLS.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { withUser, type Database, type Tx } from '@pursuit/db';
import { signBits, type Embedder } from './embedder';

export const EMBED_TASK = 'pursuit_embed';
export const EMBED_SWEEP_TASK = 'pursuit_embed_sweep';

export interface EmbedPayload {
  userId: string;
  applicationId: string;
  /** The document whose current version to embed; null for the application itself. */
  documentId: string | null;
}

/** What is embedded for an application: its role and description. */
export function applicationText(roleTitle: string, jobDescription: string): string {
  return `${roleTitle}\n${jobDescription}`;
}

/** md5 of the text, as Postgres's md5() writes it (the sweep compares in SQL). */
export function contentHash(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

async function subjectText(tx: Tx, payload: EmbedPayload): Promise<string | null> {
  if (payload.documentId) {
    const [row] = await tx.execute<{ content: string }>(sql`
      select v.content from documents d
        join document_versions v on v.document_id = d.id and v.version = d.current_version
       where d.id = ${payload.documentId} and d.application_id = ${payload.applicationId}`);
    return row?.content ?? null;
  }
  const [row] = await tx.execute<{ role_title: string; job_description: string }>(sql`
    select role_title, job_description from applications where id = ${payload.applicationId}`);
  return row ? applicationText(row.role_title, row.job_description) : null;
}

/** Writes (or replaces) one subject's vector for `model`. */
export async function saveEmbedding(
  tx: Tx,
  payload: EmbedPayload,
  model: string,
  vector: number[],
  hash: string,
): Promise<void> {
  const kind = payload.documentId ? 'document_version' : 'application';
  await tx.execute(sql`
    insert into embeddings (user_id, application_id, subject_kind, document_id, model, dims,
                            vector, bits, content_hash)
    values (${payload.userId}, ${payload.applicationId}, ${kind}, ${payload.documentId}, ${model},
            ${vector.length}, ${`{${vector.join(',')}}`}::real[], ${signBits(vector)}::varbit, ${hash})
    on conflict on constraint embeddings_subject_model_key do update
       set dims = excluded.dims, vector = excluded.vector, bits = excluded.bits,
           content_hash = excluded.content_hash`);
}

export type EmbedOutcome = 'embedded' | 'unchanged' | 'gone';

/**
 * Embeds one subject if its text changed since its vector was made. The text
 * is read and the vector written in two short transactions, so a slow
 * endpoint holds no transaction open; a change in between queues another job.
 */
export async function embedSubject(
  db: Database,
  embedder: Embedder,
  payload: EmbedPayload,
): Promise<EmbedOutcome> {
  const read = await withUser(db, payload.userId, async (tx) => {
    const text = await subjectText(tx, payload);
    if (text === null) return null;
    const [current] = await tx.execute<{ content_hash: string }>(sql`
      select content_hash from embeddings
       where application_id = ${payload.applicationId}
         and document_id is not distinct from ${payload.documentId}::uuid
         and model = ${embedder.model}`);
    return { text, hash: contentHash(text), stored: current?.content_hash ?? null };
  });
  if (!read) return 'gone';
  if (read.stored === read.hash) return 'unchanged';
  const [vector] = await embedder.embed([read.text]);
  if (!vector) throw new Error('The embedder returned no vector.');
  // The subject may have gone meanwhile: the foreign keys then refuse the row.
  return withUser(db, payload.userId, async (tx) => {
    if ((await subjectText(tx, payload)) === null) return 'gone' as const;
    await saveEmbedding(tx, payload, embedder.model, vector, read.hash);
    return 'embedded' as const;
  });
}

/**
 * Subjects whose vector for `model` is missing or older than their text, read
 * as the owner role (across people, which only the worker does). At most
 * `limit`; the sweep queues a job for each.
 */
export async function staleSubjects(
  owner: Database,
  model: string,
  limit = 1000,
): Promise<EmbedPayload[]> {
  const rows = await owner.sql<
    { user_id: string; application_id: string; document_id: string | null }[]
  >`
    (select a.user_id, a.id as application_id, null::uuid as document_id
       from applications a
       left join embeddings e
         on e.application_id = a.id and e.document_id is null and e.model = ${model}
      where e.id is null
         or e.content_hash <> md5(a.role_title || E'\n' || a.job_description)
      limit ${limit})
    union all
    (select d.user_id, d.application_id, d.id
       from documents d
       join document_versions v on v.document_id = d.id and v.version = d.current_version
       left join embeddings e on e.document_id = d.id and e.model = ${model}
      where e.id is null or e.content_hash <> md5(v.content)
      limit ${limit})`;
  return rows.map((r) => ({
    userId: r.user_id,
    applicationId: r.application_id,
    documentId: r.document_id,
  }));
}
