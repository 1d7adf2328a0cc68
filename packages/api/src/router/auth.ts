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
import {
  clearAttempts,
  PASSWORD_CHECK,
  releaseAttempt,
  reserveAttempt,
  SIGN_IN,
  SIGN_UP,
  throttleKey,
} from '../auth/throttle';
import { INVITATION_ONLY_MESSAGE, signupOpen } from '../auth/signup';
import type { Context } from '../context';
import {
  accountColumns,
  changePassword,
  deleteAccount,
  listSessions,
  renameUser,
} from '../services/account';
import { acceptInvitation } from '../services/sharing';
import { text } from '../fields';
import { protectedProcedure, publicProcedure, userProcedure } from '../trpc';

const email = text()
  .trim()
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like name@example.com.'));
// Passwords are hashed, never stored as text, so any character is allowed.
const PASSWORD_TOO_LONG = 'Use at most 256 characters for your password.';
export const DISABLED_MESSAGE = 'This account has been disabled by an admin of this instance.';
const password = z
  .string()
  .min(8, 'Use at least 8 characters for your password.')
  .max(256, PASSWORD_TOO_LONG);
// An invitation link's token, checked against the database on sign-up.
const invitation = text().max(200, 'That invitation link is not valid.');
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

/** The client address as a throttle key, when the transport knows it. */
function addressKey(ctx: Context, key: (ip: string) => string): string[] {
  return ctx.meta.ip ? [key(ctx.meta.ip)] : [];
}

/** Re-entering the password of a signed-in account: per user and per address. */
function passwordKeys(ctx: Context, userId: string): string[] {
  return [throttleKey.passwordUser(userId), ...addressKey(ctx, throttleKey.passwordAddress)];
}

export const authRouter = {
  // Sign-up, sign-in and sign-out are public: there is no signed-in user to
  // open userProcedure's transaction for. Each opens the one it needs.
  // SIGNUP decides who may register: anyone ('open'), or only someone holding
  // a valid invitation ('invite', 'closed'). An invitation is accepted in the
  // same transaction as the account is created: a used, expired or cancelled
  // one creates no account, whatever the mode. The instance's first account
  // (made its admin by the users_assign_role trigger) may always sign up, or
  // an instance started closed would have nobody to invite anyone.
  register: publicProcedure
    .input(z.object({ email, password, name, invitation: invitation.optional() }))
    .mutation(async ({ ctx, input }) => {
      const invitationOnly = !input.invitation && !signupOpen(ctx.signup);
      await reserveAttempt(ctx.db, addressKey(ctx, throttleKey.signUpAddress), SIGN_UP);
      const passwordHash = await hashPassword(input.password);
      const id = crypto.randomUUID();
      // The new user's own id is the RLS context for creating their row.
      const { user, share } = await withUser(ctx.db, id, async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({ id, email: input.email, passwordHash, displayName: input.name })
          .returning(accountColumns);
        // Refused here, not before: only the insert knows (under the trigger's
        // lock) whether this is the first account. Throwing rolls it back.
        if (invitationOnly && created?.role !== 'admin') {
          throw new TRPCError({ code: 'FORBIDDEN', message: INVITATION_ONLY_MESSAGE });
        }
        const accepted = input.invitation ? await acceptInvitation(tx, input.invitation) : null;
        return { user: created, share: accepted };
      });
      if (!user) throw new Error('user insert returned nothing');
      await startSession(ctx, user.id);
      return { ...user, share };
    }),

  /** Public: what the sign-in and sign-up pages need to know about this instance. */
  config: publicProcedure.query(({ ctx }) => ({
    signup: ctx.signup,
    ghostedAfterDays: ctx.ghostedAfterDays,
    digestAvailable: ctx.digestAvailable,
  })),

  login: publicProcedure
    .input(
      z.object({
        email,
        password: z.string().min(1, 'Enter your password.').max(256, PASSWORD_TOO_LONG),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Reserved before the password is checked, so parallel or batched calls
      // cannot get more checks than the limit; a success gives its attempt back.
      const emailKey = throttleKey.email(input.email);
      const address = addressKey(ctx, throttleKey.signInAddress);
      await reserveAttempt(ctx.db, [emailKey, ...address], SIGN_IN);
      const [found] = await ctx.db.sql<
        { id: string; password_hash: string; disabled: boolean }[]
      >`select id, password_hash, disabled from pursuit.find_login(${input.email})`;
      const ok = found
        ? await verifyPassword(found.password_hash, input.password)
        : await burnPasswordCheck(input.password);
      if (!found || !ok) {
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });
      }
      await clearAttempts(ctx.db, emailKey);
      await releaseAttempt(ctx.db, address);
      // Said only to someone who knows the password, so it reveals nothing to a guesser.
      if (found.disabled) throw new TRPCError({ code: 'FORBIDDEN', message: DISABLED_MESSAGE });
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

  // The password checks reserve an attempt on their own connection first, so
  // a wrong password's rollback cannot undo it; then they open the user's
  // transaction (protectedProcedure, not userProcedure, so a request never
  // holds two pooled connections at once).
  changePassword: protectedProcedure
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
      const keys = passwordKeys(ctx, ctx.user.id);
      await reserveAttempt(ctx.db, keys, PASSWORD_CHECK);
      const revoked = await withUser(ctx.db, ctx.user.id, (tx) =>
        changePassword(tx, ctx.user.id, ctx.session.id, input),
      );
      await releaseAttempt(ctx.db, keys);
      return { ok: true as const, revokedSessions: revoked };
    }),

  /** Deletes the account and everything in it (services/account.ts says how). */
  deleteAccount: protectedProcedure
    .input(
      z.object({
        password: z
          .string()
          .min(1, 'Enter your password to delete your account.')
          .max(256, PASSWORD_TOO_LONG),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [userKey, ...address] = passwordKeys(ctx, ctx.user.id);
      await reserveAttempt(ctx.db, [userKey!, ...address], PASSWORD_CHECK);
      await withUser(ctx.db, ctx.user.id, (tx) => deleteAccount(tx, ctx.user.id, input.password));
      // Nothing of the account stays behind, its attempts included.
      await clearAttempts(ctx.db, userKey!);
      await releaseAttempt(ctx.db, address);
      ctx.cookies.clear();
      return { ok: true as const };
    }),

  updateName: userProcedure
    .input(z.object({ name }))
    .mutation(({ ctx, input }) => renameUser(ctx.tx, ctx.user.id, input.name)),
} satisfies TRPCRouterRecord;
