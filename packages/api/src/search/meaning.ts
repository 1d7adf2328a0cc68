// Nearest vectors in SQL without pgvector (the embedded Postgres has none).
// An exact dot product over every stored real[] costs too much at 10,000
// applications (unnest of 5 million numbers), so it runs in two passes: the
// Hamming distance between 256-bit sign hashes (`bit_count(a # b)`, built in
// C) orders all of the person's vectors and keeps the nearest CANDIDATES;
// then pursuit.dot, the exact cosine of unit vectors, ranks those.
// pgvector: not used. Where the server has it, a `vector` column and an HNSW
// index would replace both passes; detecting it at migration time would give
// two schemas to test, and the embedded server the tests and benchmark run on
// has none, so the portable path is the only one, measured in bench/search.ts.
import { sql, type SQL } from 'drizzle-orm';
import { signBits } from './embedder';

/** Vectors kept by the Hamming pass for the exact one. */
export const CANDIDATES = 200;

/**
 * A subquery: the owner's vectors of `model` nearest `vector`, as
 * (application_id, document_id, similarity). `kinds` narrows to application
 * descriptions only; `exclude` leaves one application out.
 */
export function meaningCandidates(
  ownerId: string,
  model: string,
  vector: number[],
  options: { applicationsOnly?: boolean; exclude?: string } = {},
): SQL {
  const literal = `{${vector.join(',')}}`;
  return sql`
    select c.application_id, c.document_id, pursuit.dot(c.vector, ${literal}::real[]) as similarity
      from (select e.application_id, e.document_id, e.vector
              from embeddings e
             where e.user_id = ${ownerId} and e.model = ${model} and e.dims = ${vector.length}
               ${options.applicationsOnly ? sql`and e.subject_kind = 'application'` : sql``}
               ${options.exclude ? sql`and e.application_id <> ${options.exclude}` : sql``}
             order by bit_count(e.bits # ${signBits(vector)}::varbit)
             limit ${CANDIDATES}) c`;
}
