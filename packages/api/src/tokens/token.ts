// Personal access tokens for scripts: `pst_` + 32 random bytes in base64url.
// Only the token's SHA-256 is stored (as sessions do); a request's token is
// checked by pursuit.validate_api_token, which also refuses disabled accounts.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { ApiTokenScope, Database } from '@pursuit/db';
import type { SessionUser } from '../auth/session';

/** Every token starts with this, so a leaked one is easy to recognise (and scan for). */
export const API_TOKEN_PREFIX = 'pst_';
const tokenShape = /^pst_[A-Za-z0-9_-]{43}$/;

export interface ValidApiToken {
  id: string;
  userId: string;
  scope: ApiTokenScope;
  expiresAt: Date | null;
}

export type ApiTokenValidationResult =
  { token: ValidApiToken; user: SessionUser } | { token: null; user: null };

export function generateApiToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return API_TOKEN_PREFIX + encodeBase64urlNoPadding(bytes);
}

export function apiTokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Whether `token` looks like one of ours (no database round trip for junk). */
export function isApiTokenShaped(token: string): boolean {
  return tokenShape.test(token);
}

/**
 * The token's owner and scope, or nulls when it is malformed, unknown,
 * revoked, expired or its account is disabled. Touches last_used_at (at most
 * once a minute).
 */
export async function validateApiToken(
  db: Database,
  token: string | null | undefined,
): Promise<ApiTokenValidationResult> {
  if (!token || !isApiTokenShaped(token)) return { token: null, user: null };
  const rows = await db.sql<
    {
      token_id: string;
      user_id: string;
      scope: ApiTokenScope;
      expires_at: string | Date | null;
      email: string;
      display_name: string;
      role: 'user' | 'admin';
    }[]
  >`select * from pursuit.validate_api_token(${apiTokenHash(token)})`;
  const row = rows[0];
  if (!row) return { token: null, user: null };
  return {
    token: {
      id: row.token_id,
      userId: row.user_id,
      scope: row.scope,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    },
    user: { id: row.user_id, email: row.email, displayName: row.display_name, role: row.role },
  };
}

/** What a request's `Authorization` header holds. */
export type BearerHeader =
  { kind: 'none' } | { kind: 'malformed' } | { kind: 'bearer'; token: string };

/** Reads `Authorization: Bearer <token>`; any other form of the header is malformed. */
export function readBearer(header: string | undefined): BearerHeader {
  if (header === undefined) return { kind: 'none' };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ? { kind: 'bearer', token: match[1] } : { kind: 'malformed' };
}
