// Throttles for everything that checks or sets a password: an attempt is
// reserved atomically in Postgres (pursuit.reserve_auth_attempt, migration 0009)
// BEFORE the password is checked, so neither a batch nor parallel requests nor
// several server instances can get more checks than the limit.
import { TRPCError } from '@trpc/server';
import type { Database } from '@pursuit/db';
import { RetryAfter } from '../trpc';

export interface ThrottleRule {
  /** Attempts allowed per key within the window. */
  limit: number;
  windowSeconds: number;
  /** What was limited, as the start of a sentence: "Too many sign-in attempts". */
  what: string;
}

/** Sign-in: per email and per client address, whatever the outcome until it succeeds. */
export const SIGN_IN: ThrottleRule = {
  limit: 10,
  windowSeconds: 15 * 60,
  what: 'Too many sign-in attempts',
};
/**
 * Sign-up: per client address. Generous enough for a household or an office
 * behind one address; slows an account factory to a crawl.
 */
export const SIGN_UP: ThrottleRule = {
  limit: 20,
  windowSeconds: 60 * 60,
  what: 'Too many new accounts from this network',
};
/** Password re-entry (change password, delete account): per user and per address. */
export const PASSWORD_CHECK: ThrottleRule = {
  limit: 10,
  windowSeconds: 15 * 60,
  what: 'Too many password attempts',
};

/** Key names, one namespace per rule so one rule never eats another's budget. */
export const throttleKey = {
  email: (address: string) => `email:${address.toLowerCase()}`,
  signInAddress: (ip: string) => `ip:${ip}`,
  signUpAddress: (ip: string) => `register-ip:${ip}`,
  passwordUser: (userId: string) => `password-user:${userId}`,
  passwordAddress: (ip: string) => `password-ip:${ip}`,
};

function tooMany(rule: ThrottleRule, seconds: number): TRPCError {
  const minutes = Math.ceil(seconds / 60);
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `${rule.what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    cause: new RetryAfter(seconds),
  });
}

/**
 * Reserves one attempt against every key, or throws TOO_MANY_REQUESTS with the
 * wait. Runs on its own (autocommit) so the reservation stands even when the
 * caller's transaction rolls back on a wrong password.
 */
export async function reserveAttempt(
  db: Database,
  keys: string[],
  rule: ThrottleRule,
): Promise<void> {
  if (keys.length === 0) return;
  const [row] = await db.sql<{ wait: number }[]>`
    select pursuit.reserve_auth_attempt(${keys}, ${rule.limit}, ${rule.windowSeconds}) as wait`;
  const wait = row?.wait ?? 0;
  if (wait > 0) throw tooMany(rule, wait);
}

/** Gives back the attempt just reserved (it succeeded and must not count). */
export async function releaseAttempt(db: Database, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.sql`select pursuit.release_auth_attempt(${keys})`;
}

/** Forgets every attempt against `key` (a successful sign-in clears its email). */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.sql`select pursuit.clear_login_failures(${key})`;
}
