// Accounts and sessions: register, sign in and out, the session list,
// revocation and password change. Procedure names are the public contract.
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { sessions, users, withUser } from '@pursuit/db';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password';
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
} from '../auth/session';
import type { Context } from '../context';
import { protectedProcedure, publicProcedure, RetryAfter } from '../trpc';

export const LOGIN_LIMIT = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

const email = z
  .string()
  .trim()
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like name@example.com.'));
const password = z
  .string()
  .min(8, 'Use at least 8 characters for your password.')
  .max(256, 'Use at most 256 characters for your password.');
const name = z
  .string()
  .trim()
  .min(1, 'Tell us your name.')
  .max(100, 'Use at most 100 characters for your name.');

async function startSession(ctx: Context, userId: string) {
  const token = generateSessionToken();
  const session = await createSession(ctx.db, token, userId, ctx.meta);
  ctx.cookies.set(token, session.expiresAt);
  return session;
}

function throttleKeys(ctx: Context, address: string): string[] {
  return [`email:${address.toLowerCase()}`, ...(ctx.meta.ip ? [`ip:${ctx.meta.ip}`] : [])];
}

export const authRouter = {
  register: publicProcedure
    .input(z.object({ email, password, name }))
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const id = crypto.randomUUID();
      // The new user's own id is the RLS context for creating their row.
      const [user] = await withUser(ctx.db, id, (tx) =>
        tx
          .insert(users)
          .values({ id, email: input.email, passwordHash, displayName: input.name })
          .returning({ id: users.id, email: users.email, displayName: users.displayName }),
      );
      if (!user) throw new Error('user insert returned nothing');
      await startSession(ctx, user.id);
      return user;
    }),

  login: publicProcedure
    .input(z.object({ email, password: z.string().min(1, 'Enter your password.').max(256) }))
    .mutation(async ({ ctx, input }) => {
      const keys = throttleKeys(ctx, input.email);
      const [{ retry_after: retryAfter } = { retry_after: 0 }] = await ctx.db.sql<
        { retry_after: number }[]
      >`select pursuit.login_retry_after(${keys}, ${LOGIN_LIMIT}, ${LOGIN_WINDOW_SECONDS}) as retry_after`;
      if (retryAfter > 0) {
        const minutes = Math.ceil(retryAfter / 60);
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          cause: new RetryAfter(retryAfter),
        });
      }
      const [found] = await ctx.db.sql<{ id: string; password_hash: string }[]>`
        select id, password_hash from pursuit.find_login(${input.email})`;
      const ok = found
        ? await verifyPassword(found.password_hash, input.password)
        : await burnPasswordCheck(input.password);
      if (!found || !ok) {
        await ctx.db.sql`select pursuit.record_login_failure(${keys}, ${LOGIN_WINDOW_SECONDS})`;
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });
      }
      await ctx.db.sql`select pursuit.clear_login_failures(${keys[0]!})`;
      const [user] = await withUser(ctx.db, found.id, (tx) =>
        tx
          .update(users)
          .set({ lastLoginAt: sql`now()` })
          .where(eq(users.id, found.id))
          .returning({ id: users.id, email: users.email, displayName: users.displayName }),
      );
      await startSession(ctx, found.id);
      return user!;
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    const { session } = await ctx.authenticate();
    if (session) await invalidateSession(ctx.db, session.userId, session.id);
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const { user } = await ctx.authenticate();
    return user;
  }),

  sessions: protectedProcedure.query(async ({ ctx }) => {
    const rows = await withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastVerifiedAt,
          expiresAt: sessions.expiresAt,
          userAgent: sessions.userAgent,
          ip: sessions.ip,
        })
        .from(sessions)
        .orderBy(desc(sessions.lastVerifiedAt)),
    );
    return rows.map((row) => ({ ...row, current: row.id === ctx.session.id }));
  }),

  revokeSession: protectedProcedure
    .input(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Unknown session.') }))
    .mutation(async ({ ctx, input }) => {
      const ended = await invalidateSession(ctx.db, ctx.user.id, input.id);
      if (!ended) throw new TRPCError({ code: 'NOT_FOUND', message: 'Session not found.' });
      if (input.id === ctx.session.id) ctx.cookies.clear();
      return { ok: true as const, current: input.id === ctx.session.id };
    }),

  changePassword: protectedProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, 'Enter your current password.').max(256),
        newPassword: password,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [row] = await withUser(ctx.db, ctx.user.id, (tx) =>
        tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ctx.user.id)),
      );
      if (!row || !(await verifyPassword(row.hash, input.currentPassword))) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'Your current password is incorrect.',
        });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await withUser(ctx.db, ctx.user.id, (tx) =>
        tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.user.id)),
      );
      const revoked = await invalidateUserSessions(ctx.db, ctx.user.id, ctx.session.id);
      return { ok: true as const, revokedSessions: revoked };
    }),

  /**
   * Deletes the account and everything in it, after the password is entered
   * again. See pursuit.delete_own_account (migration 0006): rows cascade,
   * sessions end (their trigger closes open sockets on every instance), and
   * the user's change-feed and sign-in throttle rows go too.
   */
  deleteAccount: protectedProcedure
    .input(
      z.object({
        password: z.string().min(1, 'Enter your password to delete your account.').max(256),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [row] = await withUser(ctx.db, ctx.user.id, (tx) =>
        tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ctx.user.id)),
      );
      if (!row || !(await verifyPassword(row.hash, input.password))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your password is incorrect.' });
      }
      await withUser(ctx.db, ctx.user.id, (tx) =>
        tx.execute(sql`select pursuit.delete_own_account()`),
      );
      ctx.cookies.clear();
      return { ok: true as const };
    }),

  updateName: protectedProcedure.input(z.object({ name })).mutation(async ({ ctx, input }) => {
    const [user] = await withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .update(users)
        .set({ displayName: input.name })
        .where(and(eq(users.id, ctx.user.id)))
        .returning({ id: users.id, email: users.email, displayName: users.displayName }),
    );
    return user!;
  }),
} satisfies TRPCRouterRecord;
