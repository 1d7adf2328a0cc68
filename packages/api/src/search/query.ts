// search.query (issue 14): one search over a person's applications (role,
// company, description, notes), interviews, contacts, comments, current
// document versions and résumés. "words": full-text (prefix-matched as the
// person types) ranked with ts_rank, plus trigram similarity on company,
// role and contact names so a typo still finds them. "meaning": the query's
// embedding against the stored ones of the current model (meaning.ts).
// Every expression that reads an index is written here exactly as in the
// migration's hand-written part; the rows pass RLS like every read.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@pursuit/db';
import type { Embedder } from './embedder';
import { meaningCandidates } from './meaning';
import { HEADLINE_OPTIONS, HIT_END, HIT_START, snippetParts, type SnippetPart } from './snippet';

export const RESULT_KINDS = [
  'application',
  'interview',
  'contact',
  'comment',
  'document',
  'resume',
] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export interface SearchResult {
  kind: ResultKind;
  id: string;
  /** Where the result lives, for navigation; null for a résumé. */
  applicationId: string | null;
  title: string;
  snippet: SnippetPart[];
  score: number;
}

export interface SearchAnswer {
  mode: 'words' | 'meaning';
  /** The embedding model compared against, in meaning mode. */
  model: string | null;
  results: SearchResult[];
}

const DOCUMENT_LABEL = sql`case d.type::text
  when 'research_report' then 'Research report'
  when 'optimized_resume' then 'Tailored résumé'
  when 'cover_letter' then 'Cover letter'
  else 'Follow-up email' end`;

/** Words of the query (letters and digits), at most eight, lower-cased. */
export function queryWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * The tsquery text: every word must match, each as a prefix, so "kube"
 * already finds "Kubernetes". Only letters and digits reach it, so no
 * tsquery syntax can be injected (it is a bound parameter besides).
 */
export function prefixQuery(words: string[], joiner: '&' | '|' = '&'): string {
  return words.map((w) => `${w}:*`).join(` ${joiner} `);
}

/** Strips our hit markers from stored text before ts_headline marks it. */
const clean = (text: SQL) => sql`translate(${text}, ${HIT_START + HIT_END}, '')`;

type Row = {
  kind: ResultKind;
  id: string;
  application_id: string | null;
  title: string;
  headline: string;
  score: number;
};

/** Full-text and trigram matches of the owner's rows, best first. */
export async function searchWords(
  tx: Tx,
  ownerId: string,
  q: string,
  limit: number,
): Promise<SearchResult[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const tsq = prefixQuery(words);
  const raw = q.trim().slice(0, 200);
  const rows = await tx.execute<Row>(sql`
    with q as (
      select to_tsquery('english', ${tsq}) as en, to_tsquery('simple', ${tsq}) as si,
             ${raw}::text as raw
    ),
    hits as (
      (select 'application' as kind, a.id, a.id as application_id,
              a.role_title || ' at ' || a.company_name as title,
              a.job_description || E'\n' || coalesce(a.notes, '') as body, 'english' as config,
              ts_rank(a.search_vector, q.en)
                + 2 * ts_rank(to_tsvector('english', coalesce(a.notes, '')), q.en)
                + greatest(similarity(a.company_name, q.raw), similarity(a.role_title, q.raw)) as score
         from applications a, q
        where a.user_id = ${ownerId}
          and (a.search_vector @@ q.en
               or to_tsvector('english', coalesce(a.notes, '')) @@ q.en
               or a.company_name % q.raw
               or a.role_title % q.raw)
        order by score desc limit ${limit})
      union all
      (select 'interview', i.id, i.application_id,
              'Interview — ' || a.role_title || ' at ' || a.company_name,
              coalesce(i.notes, '') || ' ' || coalesce(i.location_or_link, ''), 'english',
              ts_rank(to_tsvector('english', coalesce(i.notes, '') || ' ' || coalesce(i.location_or_link, '')), q.en)
         from interviews i join applications a on a.id = i.application_id, q
        where i.user_id = ${ownerId}
          and to_tsvector('english', coalesce(i.notes, '') || ' ' || coalesce(i.location_or_link, '')) @@ q.en
        order by 7 desc limit ${limit})
      union all
      (select 'contact', c.id, c.application_id,
              c.name || coalesce(' (' || c.role || ')', '') || ' — ' || a.company_name,
              c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.notes, ''),
              'simple',
              ts_rank(to_tsvector('simple', c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.notes, '')), q.si)
                + similarity(c.name, q.raw)
         from contacts c join applications a on a.id = c.application_id, q
        where c.user_id = ${ownerId}
          and (to_tsvector('simple', c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.notes, '')) @@ q.si
               or c.name % q.raw)
        order by 7 desc limit ${limit})
      union all
      (select 'comment', m.id, m.application_id,
              'Comment — ' || a.role_title || ' at ' || a.company_name, m.body, 'english',
              ts_rank(to_tsvector('english', m.body), q.en)
         from comments m join applications a on a.id = m.application_id, q
        where m.owner_id = ${ownerId} and m.deleted_at is null
          and to_tsvector('english', m.body) @@ q.en
        order by 7 desc limit ${limit})
      union all
      (select 'document', d.id, d.application_id,
              ${DOCUMENT_LABEL} || ' — ' || a.role_title || ' at ' || a.company_name, v.content, 'english',
              ts_rank(to_tsvector('english', v.content), q.en)
         from documents d
         join document_versions v on v.document_id = d.id and v.version = d.current_version
         join applications a on a.id = d.application_id, q
        where d.user_id = ${ownerId} and to_tsvector('english', v.content) @@ q.en
        order by 7 desc limit ${limit})
      union all
      (select 'resume', r.id, null::uuid, 'Résumé — ' || r.name, r.content, 'english',
              ts_rank(to_tsvector('english', r.name || ' ' || r.content), q.en)
         from resumes r, q
        where r.user_id = ${ownerId} and to_tsvector('english', r.name || ' ' || r.content) @@ q.en
        order by 7 desc limit ${limit})
    ),
    best as (select * from hits order by score desc, id limit ${limit})
    select b.kind, b.id, b.application_id, b.title, b.score::float8 as score,
           ts_headline(b.config::regconfig, ${clean(sql`b.body`)},
                       case when b.config = 'simple' then q.si else q.en end, ${HEADLINE_OPTIONS}) as headline
      from best b, q
     order by b.score desc, b.id`);
  return rows.map(toResult);
}

function toResult(row: Row): SearchResult {
  return {
    kind: row.kind,
    id: row.id,
    applicationId: row.application_id,
    title: row.title,
    snippet: snippetParts(row.headline),
    score: Number(row.score),
  };
}

/** Applications and documents nearest in meaning to the query text. */
export async function searchMeaning(
  tx: Tx,
  ownerId: string,
  q: string,
  limit: number,
  embedder: Embedder,
): Promise<SearchResult[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const [vector] = await embedder.embed([q]);
  if (!vector) return [];
  const candidates = meaningCandidates(ownerId, embedder.model, vector);
  // Words the query shares with the text are marked, so a person sees why.
  const rows = await tx.execute<Row>(sql`
    with near as (${candidates}),
    best as (
      select case when n.document_id is null then 'application' else 'document' end as kind,
             coalesce(n.document_id, n.application_id) as id, n.application_id, n.similarity as score,
             case when n.document_id is null then a.role_title || ' at ' || a.company_name
                  else ${DOCUMENT_LABEL} || ' — ' || a.role_title || ' at ' || a.company_name end as title,
             case when n.document_id is null then a.job_description else v.content end as body
        from near n
        join applications a on a.id = n.application_id
        left join documents d on d.id = n.document_id
        left join document_versions v on v.document_id = d.id and v.version = d.current_version
       where n.similarity > 0
       order by n.similarity desc limit ${limit}
    )
    select b.kind, b.id, b.application_id, b.title, b.score::float8 as score,
           ts_headline('english', ${clean(sql`b.body`)}, to_tsquery('english', ${prefixQuery(words, '|')}),
                       ${HEADLINE_OPTIONS}) as headline
      from best b
     order by b.score desc, b.id`);
  return rows.map(toResult);
}
