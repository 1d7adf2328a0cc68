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
  // The indexed matching runs in pursuit.search_hits (see the migration for
  // why it is a definer function); the rows are then read here under RLS.
  const rows = await tx.execute<Row>(sql`
    with q as (
      select to_tsquery('english', ${tsq}) as en, to_tsquery('simple', ${tsq}) as si
    ),
    best as (
      select h.kind, h.id, h.score
        from q, pursuit.search_hits(${ownerId}::uuid, q.en, q.si, ${raw}::text, ${limit}::int) h
       order by h.score desc, h.id limit ${limit}
    ),
    found as (
      select b.kind, b.id, a.id as application_id, a.role_title || ' at ' || a.company_name as title,
             a.job_description || E'\n' || coalesce(a.notes, '') as body, 'english' as config, b.score
        from best b join applications a on a.id = b.id where b.kind = 'application'
      union all
      select b.kind, b.id, i.application_id, 'Interview — ' || a.role_title || ' at ' || a.company_name,
             coalesce(i.notes, '') || ' ' || coalesce(i.location_or_link, ''), 'english', b.score
        from best b join interviews i on i.id = b.id join applications a on a.id = i.application_id
       where b.kind = 'interview'
      union all
      select b.kind, b.id, c.application_id,
             c.name || coalesce(' (' || c.role || ')', '') || ' — ' || a.company_name,
             c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.notes, ''),
             'simple', b.score
        from best b join contacts c on c.id = b.id join applications a on a.id = c.application_id
       where b.kind = 'contact'
      union all
      select b.kind, b.id, m.application_id, 'Comment — ' || a.role_title || ' at ' || a.company_name,
             m.body, 'english', b.score
        from best b join comments m on m.id = b.id join applications a on a.id = m.application_id
       where b.kind = 'comment'
      union all
      select b.kind, b.id, d.application_id,
             ${DOCUMENT_LABEL} || ' — ' || a.role_title || ' at ' || a.company_name, v.content, 'english', b.score
        from best b join documents d on d.id = b.id
        join document_versions v on v.document_id = d.id and v.version = d.current_version
        join applications a on a.id = d.application_id
       where b.kind = 'document'
      union all
      select b.kind, b.id, null::uuid, 'Résumé — ' || r.name, r.content, 'english', b.score
        from best b join resumes r on r.id = b.id where b.kind = 'resume'
    )
    select f.kind, f.id, f.application_id, f.title, f.score::float8 as score,
           ts_headline(f.config::regconfig, ${clean(sql`f.body`)},
                       case when f.config = 'simple' then q.si else q.en end, ${HEADLINE_OPTIONS}) as headline
      from found f, q
     order by f.score desc, f.id`);
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
  const candidates = meaningCandidates(ownerId, embedder.model, vector, { candidates: limit * 2 });
  // Words the query shares with the text are marked, so a person sees why.
  const rows = await tx.execute<Row>(sql`
    with near as (select * from ${candidates}),
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
