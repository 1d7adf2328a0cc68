// Accounts and sessions: register, sign in and out, the session list,
// revocation and password change. Procedure names are the public contract.
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users, withUser } from '@pursuit/db';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password';
import {
  createSession,
  endSession,
  generateSessionToken,
  invalidateSession,
} from '../auth/session';
import type { Context } from '../context';
import {
  accountColumns,
  changePassword,
  deleteAccount,
  listSessions,
  renameUser,
} from '../services/account';
import { text } from '../fields';
import { publicProcedure, RetryAfter, userProcedure } from '../trpc';

export const LOGIN_LIMIT = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

const email = text()
  .trim()
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like name@example.com.'));
// Passwords are hashed, never stored as text, so any character is allowed.
const PASSWORD_TOO_LONG = 'Use at most 256 characters for your password.';
const password = z
  .string()
  .min(8, 'Use at least 8 characters for your password.')
  .max(256, PASSWORD_TOO_LONG);
const name = text()
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
  // Sign-up, sign-in and sign-out are public: there is no signed-in user to
  // open userProcedure's transaction for. Each opens the one it needs.
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
          .returning(accountColumns),
      );
      if (!user) throw new Error('user insert returned nothing');
      await startSession(ctx, user.id);
      return user;
    }),

  login: publicProcedure
    .input(
      z.object({
        email,
        password: z.string().min(1, 'Enter your password.').max(256, PASSWORD_TOO_LONG),
      }),
    )
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
      // The user found by pursuit.find_login (a cross-user lookup) is the RLS context now.
      const [user] = await withUser(ctx.db, found.id, (tx) =>
        tx
          .update(users)
          .set({ lastLoginAt: sql`now()` })
          .where(eq(users.id, found.id))
          .returning(accountColumns),
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

  sessions: userProcedure.query(({ ctx }) => listSessions(ctx.tx, ctx.session.id)),

  revokeSession: userProcedure
    .input(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Unknown session.') }))
    .mutation(async ({ ctx, input }) => {
      const ended = await endSession(ctx.tx, input.id);
      if (!ended) throw new TRPCError({ code: 'NOT_FOUND', message: 'Session not found.' });
      if (input.id === ctx.session.id) ctx.cookies.clear();
      return { ok: true as const, current: input.id === ctx.session.id };
    }),

  changePassword: userProcedure
    .input(
      z.object({
        currentPassword: z
          .string()
          .min(1, 'Enter your current password.')
          .max(256, PASSWORD_TOO_LONG),
        newPassword: password,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const revoked = await changePassword(ctx.tx, ctx.user.id, ctx.session.id, input);
      return { ok: true as const, revokedSessions: revoked };
    }),

  /** Deletes the account and everything in it (services/account.ts says how). */
  deleteAccount: userProcedure
    .input(
      z.object({
        password: z
          .string()
          .min(1, 'Enter your password to delete your account.')
          .max(256, PASSWORD_TOO_LONG),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await deleteAccount(ctx.tx, ctx.user.id, input.password);
      ctx.cookies.clear();
      return { ok: true as const };
    }),

  updateName: userProcedure
    .input(z.object({ name }))
    .mutation(({ ctx, input }) => renameUser(ctx.tx, ctx.user.id, input.name)),
} satisfies TRPCRouterRecord;
