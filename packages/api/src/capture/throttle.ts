// How often one person may make Pursuit fetch a page (capture.fromUrl): every
// fetch makes this server talk to the outside world, so it is bounded per user
// with the same atomic reservation in Postgres as the sign-in throttle.
import type { Database } from '@pursuit/db';
import { reserveAttempt, type ThrottleRule } from '../auth/throttle';

/** Thirty pages in ten minutes: far above a person capturing postings by hand. */
export const CAPTURE_FETCH: ThrottleRule = {
  limit: 30,
  windowSeconds: 10 * 60,
  what: 'Too many pages fetched',
};

export const captureKey = (userId: string) => `capture-user:${userId}`;

export function reserveCaptureFetch(db: Database, userId: string): Promise<void> {
  return reserveAttempt(db, [captureKey(userId)], CAPTURE_FETCH);
}
