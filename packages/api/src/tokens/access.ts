// What a script's token may call. Deny by default: a procedure is reachable
// with a token only when its path is listed here, so a new procedure is never
// exposed to scripts by accident. Account, session, sharing, admin and token
// procedures are never listed (a leaked token must not take over the account).
import { TRPCError } from '@trpc/server';
import type { ApiTokenScope } from '@pursuit/db';

/** Queries a read token may call (a write token too). */
const READS = [
  'application.list',
  'application.byId',
  'application.companyHistory',
  'document.forApplication',
  'document.version',
  'reminder.list',
  'offer.list',
  'offer.forApplication',
  'insights.summary',
] as const;

/** Mutations a write token may call. */
const WRITES = [
  'application.create',
  'application.update',
  'application.move',
  'application.archive',
  'application.unarchive',
  'interview.create',
  'interview.update',
  'contact.create',
  'contact.update',
] as const;

export const TOKEN_PROCEDURES: ReadonlySet<string> = new Set<string>([...READS, ...WRITES]);

/** The procedure paths no token reaches whatever the list says (a second lock). */
const NEVER_BY_TOKEN = /^(auth|account|sharing|admin|token|presence|sync|calendar)\./;

export function tokenMayCall(path: string): boolean {
  return TOKEN_PROCEDURES.has(path) && !NEVER_BY_TOKEN.test(path);
}

/**
 * Throws unless a token of `scope` may call `path` as `type`: FORBIDDEN for a
 * procedure outside the list, for a subscription, and for a read token's
 * mutation. Runs after the token itself was found valid.
 */
export function assertTokenMayCall(
  path: string,
  type: 'query' | 'mutation' | 'subscription',
  scope: ApiTokenScope,
): void {
  if (type === 'subscription' || !tokenMayCall(path)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `${path} cannot be called with a token for scripts. Sign in to Pursuit in a browser to use it.`,
    });
  }
  if (type === 'mutation' && scope !== 'write') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This token can only read. Make a token with the write scope on the account page to call ${path}.`,
    });
  }
}
