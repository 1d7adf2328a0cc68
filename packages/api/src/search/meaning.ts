// Nearest vectors in SQL without pgvector (the embedded Postgres has none).
// An exact dot product over every stored real[] costs too much at 10,000
// applications (unnest of 5 million numbers), so it runs in two passes: the
// Hamming distance between 256-bit sign hashes (`bit_count(a # b)`, built in
// C) orders all of the person's vectors and keeps the nearest CANDIDATES;
// then pursuit.dot, the exact cosine of unit vectors, ranks those (both in
// pursuit.nearest_embeddings, migration "search_and_meaning").
// pgvector: not used. Where the server has it, a `vector` column and an HNSW
// index would replace both passes; detecting it at migration time would give
// two schemas to test, and the embedded server the tests and benchmark run on
// has none, so the portable path is the only one, measured in bench/search.ts.
import { sql, type SQL } from 'drizzle-orm';
import { signBits } from './embedder';

/**
 * Vectors kept by the Hamming pass for the exact one. The exact pass costs
 * about 0.15 ms a vector (unnest of two 512-number arrays), so few are kept:
 * near vectors differ in few of the 256 bits, so the true nearest few are
 * among the 40 nearest by Hamming distance (the tests check the order).
 */
export const CANDIDATES = 40;

/**
 * A row source: the owner's vectors of `model` nearest `vector`, as
 * (application_id, document_id, similarity), through pursuit.nearest_embeddings
 * (access checked there as the read policies do; the caller joins what it
 * shows under RLS). `applicationsOnly` leaves documents out; `exclude`
 * leaves one application out.
 */
export function meaningCandidates(
  ownerId: string,
  model: string,
  vector: number[],
  options: { applicationsOnly?: boolean; exclude?: string; candidates?: number } = {},
): SQL {
  return sql`pursuit.nearest_embeddings(${ownerId}::uuid, ${model}::text,
      ${`{${vector.join(',')}}`}::real[], ${signBits(vector)}::varbit,
      ${options.applicationsOnly ?? false}::boolean, ${options.exclude ?? null}::uuid,
      ${Math.max(options.candidates ?? 0, CANDIDATES)}::int)`;
}
