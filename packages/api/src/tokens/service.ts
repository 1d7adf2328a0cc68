// The person's tokens for scripts: make one (the raw token is returned once
// and never again), list them (never a hash), revoke one (the row goes).
// RLS keeps each person to their own tokens; these run in their transaction.
import { TRPCError } from '@trpc/server';
import { and, count, desc, eq } from 'drizzle-orm';
import { apiTokens, type ApiTokenScope, type Tx } from '@pursuit/db';
import { apiTokenHash, generateApiToken } from './token';

/** Tokens one account may hold; enough for every script, bounded like sessions. */
export const API_TOKENS_PER_USER_LIMIT = 50;

export interface ApiTokenSummary {
  id: string;
  name: string;
  scope: ApiTokenScope;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

const summaryColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scope: apiTokens.scope,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

export async function createApiToken(
  tx: Tx,
  userId: string,
  input: { name: string; scope: ApiTokenScope; expiresAt?: Date | null },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const [held] = await tx
    .select({ n: count() })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId));
  if ((held?.n ?? 0) >= API_TOKENS_PER_USER_LIMIT) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `You have ${API_TOKENS_PER_USER_LIMIT} tokens, the most an account can hold. Revoke one you no longer use first.`,
    });
  }
  const token = generateApiToken();
  const [summary] = await tx
    .insert(apiTokens)
    .values({
      userId,
      name: input.name,
      scope: input.scope,
      tokenHash: apiTokenHash(token),
      expiresAt: input.expiresAt ?? null,
    })
    .returning(summaryColumns);
  return { token, summary: summary! };
}

/** Newest first; expired ones stay listed (marked by their date) until revoked. */
export function listApiTokens(tx: Tx, userId: string): Promise<ApiTokenSummary[]> {
  return tx
    .select(summaryColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Deletes the token: scripts using it get 401 from their next request. */
export async function revokeApiToken(tx: Tx, userId: string, id: string): Promise<void> {
  const deleted = await tx
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'That token does not exist (already revoked?).',
    });
  }
}
