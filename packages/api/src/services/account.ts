// A signed-in person's own account: the session list, name, password and
// deletion. Each runs in that person's RLS transaction; sign-up and sign-in,
// which must look across users, stay in router/auth.ts.
import { TRPCError } from '@trpc/server';
import { desc, eq, sql } from 'drizzle-orm';
import { sessions, users, type Tx } from '@pursuit/db';
import { hashPassword, verifyPassword } from '../auth/password';
import { endUserSessions } from '../auth/session';
import { SESSIONS_PER_USER_LIMIT } from '../limits';

export const accountColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  /** 'admin' shows the Admin link; the instance's first account is its admin. */
  role: users.role,
};

/**
 * The person's sessions, most recently used first, the one asking marked
 * current; createSession keeps at most SESSIONS_PER_USER_LIMIT, and so does this.
 */
export async function listSessions(tx: Tx, currentSessionId: string) {
  const rows = await tx
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastVerifiedAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .orderBy(desc(sessions.lastVerifiedAt), desc(sessions.id))
    .limit(SESSIONS_PER_USER_LIMIT);
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}

async function checkPassword(tx: Tx, userId: string, password: string, wrong: string) {
  const [row] = await tx
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || !(await verifyPassword(row.hash, password))) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: wrong });
  }
}

/** A new password ends every other session; returns how many ended. */
export async function changePassword(
  tx: Tx,
  userId: string,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<number> {
  await checkPassword(tx, userId, input.currentPassword, 'Your current password is incorrect.');
  const passwordHash = await hashPassword(input.newPassword);
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  return endUserSessions(tx, userId, currentSessionId);
}

/**
 * Deletes the account and everything in it, after the password is entered
 * again. See pursuit.delete_own_account (migration 0006): rows cascade,
 * sessions end (their trigger closes open sockets on every instance), and
 * the user's change-feed and sign-in throttle rows go too.
 */
export async function deleteAccount(tx: Tx, userId: string, password: string) {
  await checkPassword(tx, userId, password, 'Your password is incorrect.');
  await tx.execute(sql`select pursuit.delete_own_account()`);
}

export async function renameUser(tx: Tx, userId: string, name: string) {
  const [user] = await tx
    .update(users)
    .set({ displayName: name })
    .where(eq(users.id, userId))
    .returning(accountColumns);
  return user!;
}

/** The person's own account as the settings page shows it, the digest opt-in included. */
export async function accountSettings(tx: Tx, userId: string) {
  const [user] = await tx
    .select({ ...accountColumns, emailDigest: users.emailDigest })
    .from(users)
    .where(eq(users.id, userId));
  return user!;
}

/** Opts in or out of the daily email digest (sent only where SMTP_URL is set). */
export async function setEmailDigest(tx: Tx, userId: string, enabled: boolean) {
  const [user] = await tx
    .update(users)
    .set({ emailDigest: enabled })
    .where(eq(users.id, userId))
    .returning({ emailDigest: users.emailDigest });
  return user!;
}
