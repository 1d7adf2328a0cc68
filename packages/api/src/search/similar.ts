// application.similarByMeaning (issue 14): the person's applications whose
// role and description are nearest in meaning to one of theirs, with their
// stage, so the application page can show how similar ones turned out.
import { sql } from 'drizzle-orm';
import type { Stage, Tx } from '@pursuit/db';
import { applicationAccess } from '../services/access';
import { meaningCandidates } from './meaning';

export interface SimilarByMeaning {
  model: string;
  matches: Array<{
    id: string;
    companyName: string;
    roleTitle: string;
    stage: Stage;
    similarity: number;
  }>;
}

/** At most this many, best first. */
export const SIMILAR_LIMIT = 8;

export async function similarByMeaning(
  tx: Tx,
  applicationId: string,
  model: string,
): Promise<SimilarByMeaning> {
  const { ownerId } = await applicationAccess(tx, applicationId, 'read');
  const [own] = await tx.execute<{ vector: number[] }>(sql`
    select vector from embeddings
     where application_id = ${applicationId} and document_id is null and model = ${model}`);
  // Not embedded yet (the job runs a moment after a change): nothing to compare.
  if (!own) return { model, matches: [] };
  const near = meaningCandidates(ownerId, model, own.vector.map(Number), {
    applicationsOnly: true,
    exclude: applicationId,
  });
  const rows = await tx.execute<{
    id: string;
    company_name: string;
    role_title: string;
    stage: Stage;
    similarity: number;
  }>(sql`
    select a.id, a.company_name, a.role_title, a.stage, n.similarity::float8 as similarity
      from ${near} n join applications a on a.id = n.application_id
     where n.similarity > 0.05
     order by n.similarity desc, a.id
     limit ${SIMILAR_LIMIT}`);
  return {
    model,
    matches: rows.map((r) => ({
      id: r.id,
      companyName: r.company_name,
      roleTitle: r.role_title,
      stage: r.stage,
      similarity: Number(r.similarity),
    })),
  };
}
