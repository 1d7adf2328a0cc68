// "Did I apply here?" (issue 14): the applications a new one resembles — the
// same posting (by normalised job URL), the same company (by normalised name,
// as company history compares them), a similar role title (pg_trgm trigram
// similarity). Read under RLS, in one owner's search (services/access.ts).
import { and, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { applications, type Stage, type Tx } from '@pursuit/db';
import { readableOwner } from './access';
import { sameCompanyNames } from './company-history';
import { jobUrlParts, normaliseJobUrl } from './job-url';

export type SimilarReason = 'url' | 'company' | 'role';

export interface SimilarApplication {
  id: string;
  companyName: string;
  roleTitle: string;
  stage: Stage;
  appliedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Best first: url, then company, then role. */
  reasons: SimilarReason[];
  /** Trigram similarity (0–1) of the role titles; null when no role title was given. */
  roleSimilarity: number | null;
}

export interface SimilarInput {
  companyName: string;
  roleTitle?: string | undefined;
  jobUrl?: string | undefined;
  ownerId?: string | undefined;
}

/** At most this many matches, best first. */
export const SIMILAR_LIMIT = 10;
/**
 * Role titles at least this similar count as "the same role". Measured with
 * pg_trgm: "Backend Engineer" vs "Senior Backend Engineer" ≈ 0.7, vs
 * "Frontend Engineer" ≈ 0.45, vs "Product Designer" < 0.1.
 */
export const ROLE_SIMILARITY_MIN = 0.5;
/** Stored URLs on the posting's host compared at most (a board host can hold many). */
const URL_CANDIDATES = 5000;

/** The ids among the owner's applications whose job URL is the same posting as `jobUrl`. */
async function sameUrlIds(tx: Tx, ownerId: string, jobUrl: string | undefined): Promise<string[]> {
  const key = jobUrl ? normaliseJobUrl(jobUrl) : null;
  if (!key) return [];
  const { host, path } = jobUrlParts(key);
  const rows = await tx
    .select({ id: applications.id, jobUrl: applications.jobUrl })
    .from(applications)
    .where(
      and(
        eq(applications.userId, ownerId),
        isNotNull(applications.jobUrl),
        // Only the posting's host and path narrow the rows; the rest is compared here.
        sql`strpos(lower(${applications.jobUrl}), ${host}) > 0`,
        sql`strpos(lower(${applications.jobUrl}), ${path}) > 0`,
      ),
    )
    .limit(URL_CANDIDATES);
  return rows.filter((r) => r.jobUrl && normaliseJobUrl(r.jobUrl) === key).map((r) => r.id);
}

/**
 * The owner's applications like the one described, best first (same
 * posting, then same company, then the closest role title, then newest), at
 * most SIMILAR_LIMIT. A grantee sees only what RLS shows them.
 */
export async function similarApplications(
  tx: Tx,
  userId: string,
  input: SimilarInput,
): Promise<{ matches: SimilarApplication[] }> {
  const ownerId = await readableOwner(tx, userId, input.ownerId);
  const [urlIds, companyNames] = [
    await sameUrlIds(tx, ownerId, input.jobUrl),
    await sameCompanyNames(tx, ownerId, input.companyName),
  ];
  const role = input.roleTitle?.trim() || null;

  const sameUrl = urlIds.length ? inArray(applications.id, urlIds) : sql`false`;
  const sameCompany = companyNames.length
    ? inArray(applications.companyName, companyNames)
    : sql`false`;
  // `%` (similarity above pg_trgm's 0.3 threshold) can use the trigram index;
  // the stricter minimum is checked on what it finds.
  const similarity = role
    ? sql<number>`similarity(${applications.roleTitle}, ${role})`
    : sql<null>`null::real`;
  const similarRole: SQL = role
    ? sql`(${applications.roleTitle} % ${role} and ${similarity} >= ${ROLE_SIMILARITY_MIN})`
    : sql`false`;

  const rows = await tx
    .select({
      id: applications.id,
      companyName: applications.companyName,
      roleTitle: applications.roleTitle,
      stage: applications.stage,
      appliedAt: applications.appliedAt,
      createdAt: applications.createdAt,
      updatedAt: applications.updatedAt,
      sameUrl: sql<boolean>`${sameUrl}`,
      sameCompany: sql<boolean>`${sameCompany}`,
      similarRole: sql<boolean>`coalesce(${similarRole}, false)`,
      roleSimilarity: similarity,
    })
    .from(applications)
    .where(and(eq(applications.userId, ownerId), or(sameUrl, sameCompany, similarRole)))
    .orderBy(
      // Postgres refuses a constant (a criterion that does not apply) in ORDER BY.
      ...(urlIds.length ? [desc(sameUrl)] : []),
      ...(companyNames.length ? [desc(sameCompany)] : []),
      ...(role ? [desc(similarity)] : []),
      desc(sql`coalesce(${applications.appliedAt}, ${applications.createdAt})`),
      desc(applications.id),
    )
    .limit(SIMILAR_LIMIT);

  return {
    matches: rows.map(({ sameUrl: url, sameCompany: company, similarRole: similar, ...row }) => ({
      ...row,
      reasons: [
        ...(url ? (['url'] as const) : []),
        ...(company ? (['company'] as const) : []),
        ...(similar ? (['role'] as const) : []),
      ],
      roleSimilarity: row.roleSimilarity === null ? null : Number(row.roleSimilarity),
    })),
  };
}
