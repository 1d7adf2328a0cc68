// Sharing for router tests: an owner invites, a grantee accepts, in one call;
// and a signed-out caller on an instance with a given SIGNUP mode.
import type { TestDatabase } from '@pursuit/db/testing';
import { appRouter, createCallerFactory, createContextInner } from '../../src/server';
import { CookieJar, NOTHING_RUNS, type Person } from './accounts';

export type ShareRole = 'viewer' | 'commenter' | 'editor';
export type SignupMode = 'open' | 'invite' | 'closed';

export const PUBLIC_ORIGIN = 'https://pursuit.example.com';

const createCaller = createCallerFactory(appRouter);

/** The token at the end of an invitation link. */
export function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** `owner` shares their search with `grantee` as `role`; returns the share. */
export async function shareWith(owner: Person, grantee: Person, role: ShareRole) {
  const invitation = await owner.api.sharing.invite({ role });
  return grantee.api.sharing.accept({ token: tokenOf(invitation.url) });
}

/** A caller on an instance served at PUBLIC_ORIGIN with `signup`, carrying `token` (or none). */
export function instanceClient(t: TestDatabase, signup: SignupMode, token: string | null = null) {
  const cookies = new CookieJar();
  const api = createCaller(
    createContextInner({
      ...NOTHING_RUNS,
      db: t.app,
      sessionToken: token,
      cookies,
      publicOrigin: PUBLIC_ORIGIN,
      signup,
    }),
  );
  return { api, cookies };
}
