// Sessions as the Lucia guide describes: the token is 20 random bytes in
// base32, only its SHA-256 is stored, expiry slides to 30 days when under 15
// remain (done inside pursuit.validate_session, one round trip).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { and, desc, eq, ne, notInArray } from 'drizzle-orm';
import { sessions, withUser, type Database, type Tx } from '@pursuit/db';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_DAYS } from '../constants';
import { SESSIONS_PER_USER_LIMIT } from '../limits';

export { SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_DAYS };
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: 'user' | 'admin';
}

export interface ValidSession {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
}

export type SessionValidationResult =
  { session: ValidSession; user: SessionUser } | { session: null; user: null };

export interface SessionMeta {
  userAgent: string | null;
  ip: string | null;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Database,
  token: string,
  userId: string,
  meta: SessionMeta,
): Promise<ValidSession> {
  const session: ValidSession = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS),
    createdAt: new Date(),
  };
  await withUser(db, userId, async (tx) => {
    await tx.insert(sessions).values({
      id: session.id,
      userId,
      expiresAt: session.expiresAt,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip,
    });
    // An account keeps at most SESSIONS_PER_USER_LIMIT sessions: past it the
    // least recently used end, so the session list stays bounded.
    const kept = tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(desc(sessions.lastVerifiedAt), desc(sessions.createdAt), desc(sessions.id))
      .limit(SESSIONS_PER_USER_LIMIT);
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), notInArray(sessions.id, kept)));
  });
  return session;
}

const tokenShape = /^[a-z2-7]{32}$/;

export async function validateSessionToken(
  db: Database,
  token: string | null | undefined,
): Promise<SessionValidationResult> {
  if (!token || !tokenShape.test(token)) return { session: null, user: null };
  const rows = await db.sql<
    {
      session_id: string;
      user_id: string;
      // drizzle turns off postgres.js's date parsing on the shared client, so
      // timestamps arrive as text here (or as Date from a plain client).
      expires_at: string | Date;
      created_at: string | Date;
      email: string;
      display_name: string;
      role: 'user' | 'admin';
    }[]
  >`select * from pursuit.validate_session(${sessionIdFromToken(token)})`;
  const row = rows[0];
  if (!row) return { session: null, user: null };
  return {
    session: {
      id: row.session_id,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      createdAt: new Date(row.created_at),
    },
    user: { id: row.user_id, email: row.email, displayName: row.display_name, role: row.role },
  };
}

/** Ends one of the user's sessions; false when it was not theirs or not there. */
export async function endSession(tx: Tx, sessionId: string): Promise<boolean> {
  const deleted = await tx
    .delete(sessions)
    .where(eq(sessions.id, sessionId))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Ends every session of the user, or every one but `exceptSessionId`. */
export async function endUserSessions(
  tx: Tx,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const deleted = await tx
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

export function invalidateSession(db: Database, userId: string, sessionId: string) {
  return withUser(db, userId, (tx) => endSession(tx, sessionId));
}

// The cookie package writes and reads the headers; the attributes are the
// Lucia guide's: HttpOnly, SameSite=Lax, Path=/, Secure when served over https,
// never a Domain (the __Host- prefix used on https requires exactly that).
const COOKIE_ATTRIBUTES = { httpOnly: true, sameSite: 'lax', path: '/' } as const;

/** `__Host-pursuit_session` on an https origin, `pursuit_session` on plain http. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function serializeSessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serializeCookie(sessionCookieName(secure), token, {
    ...COOKIE_ATTRIBUTES,
    expires: expiresAt,
    secure,
  });
}

export function serializeBlankSessionCookie(secure: boolean): string {
  return serializeCookie(sessionCookieName(secure), '', {
    ...COOKIE_ATTRIBUTES,
    maxAge: 0,
    secure,
  });
}

/**
 * Reads the session token from a Cookie header. On https only the __Host-
 * cookie counts: a plain-named one may have been planted over http or by a
 * subdomain (session fixation).
 */
export function readSessionCookie(
  cookieHeader: string | null | undefined,
  secure: boolean,
): string | null {
  if (!cookieHeader) return null;
  return parseCookie(cookieHeader)[sessionCookieName(secure)] || null;
}
