// Accounts and sessions through the router (createCaller + createContextInner)
// against the real database: sign-up, sign-in, sign-out, revocation, password
// change, expiry and sliding renewal, and what an attacker can learn or try.
import { createHash, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { appRouter, validateSessionToken, type RequestMeta } from '../../src/server';
import { cookieClient, PASSWORD } from '../support/accounts';
import { instanceClient, tokenOf, type SignupMode } from '../support/sharing';
import { anyString } from '../support/matchers';

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.close();
});

function client(token: string | null = null, meta: Partial<RequestMeta> = {}) {
  return cookieClient(t, token, meta);
}

function uniqueEmail(label = 'person'): string {
  return `${label}-${randomUUID()}@example.com`;
}

async function register(email = uniqueEmail()) {
  const { api, cookies } = client();
  const user = await api.auth.register({ email, password: PASSWORD, name: 'Ada Lovelace' });
  return { user, email, token: cookies.token!, cookies };
}

async function login(email: string, password = PASSWORD, meta: Partial<RequestMeta> = {}) {
  const { api, cookies } = client(null, meta);
  await api.auth.login({ email, password });
  return cookies.token!;
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The error a call failed with, and the shape (code, message, data) a client receives. */
async function failureOf(call: Promise<unknown>, path: string) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const shape = getErrorShape({
      config: appRouter._def._config,
      error,
      type: 'mutation',
      path,
      input: undefined,
      ctx: undefined,
    });
    return { code: error.code, message: shape.message, data: shape.data };
  }
  throw new Error(`${path} was expected to fail but succeeded`);
}

async function sessionRowCount(sessionId: string): Promise<number> {
  const [row] = await t.owner.sql<{ n: number }[]>`
    select count(*)::int as n from sessions where id = ${sessionId}`;
  return row!.n;
}

describe('registration', () => {
  it('registering creates the account and signs the person in with a 30-day cookie', async () => {
    const before = Date.now();
    const { user, email, token, cookies } = await register();
    expect(user.email).toBe(email);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(cookies.expiresAt!.getTime() - before).toBeGreaterThan(30 * DAY_MS - 60_000);
    expect(cookies.expiresAt!.getTime() - before).toBeLessThan(30 * DAY_MS + 60_000);
    expect(await client(token).api.auth.me()).toMatchObject({ id: user.id, email });
  });

  it('passwords are hashed with argon2id at memoryCost 19456, timeCost 2, parallelism 1', async () => {
    const { user } = await register();
    const [row] = await t.owner.sql<{ password_hash: string }[]>`
      select password_hash from users where id = ${user.id}`;
    expect(row!.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(row!.password_hash).not.toContain(PASSWORD);
  });

  it('a password of 7 characters is refused with a message on the password field', async () => {
    const failure = await failureOf(
      client().api.auth.register({ email: uniqueEmail(), password: 'seven77', name: 'Ada' }),
      'auth.register',
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.data.httpStatus).toBe(400);
    expect(failure.data.fieldErrors?.password?.[0]).toMatch(/at least 8 characters/);
  });

  it('an email already registered, in any letter case, cannot register again', async () => {
    const { email } = await register();
    const failure = await failureOf(
      client().api.auth.register({ email: email.toUpperCase(), password: PASSWORD, name: 'Twin' }),
      'auth.register',
    );
    expect(failure.code).toBe('CONFLICT');
    expect(failure.message).toBe('An account with this email already exists.');
  });
});

describe('sign-up modes (issue 12)', () => {
  const INVITATION_ONLY = 'Sign-up on this instance is by invitation only.';

  async function invitationFrom(role: 'viewer' | 'commenter' | 'editor' = 'commenter') {
    const owner = await register();
    const invitation = await client(owner.token).api.sharing.invite({ role });
    return { owner, invitation, token: tokenOf(invitation.url) };
  }

  function signUpOn(mode: SignupMode, invitation?: string, email = uniqueEmail('joiner')) {
    const { api, cookies } = instanceClient(t, mode);
    return {
      email,
      cookies,
      call: api.auth.register({ email, password: PASSWORD, name: 'Joiner', invitation }),
    };
  }

  async function accountsWith(email: string): Promise<number> {
    const [row] = await t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from users where lower(email) = lower(${email})`;
    return row!.n;
  }

  it('the instance says which mode it runs in, to anyone; open is the default', async () => {
    // The instance's other public settings (issue 13) ride along at their defaults.
    const defaults = { ghostedAfterDays: 21, digestAvailable: false };
    expect(await client().api.auth.config()).toEqual({ signup: 'open', ...defaults });
    for (const mode of ['open', 'invite', 'closed'] as const) {
      expect(await instanceClient(t, mode).api.auth.config()).toEqual({
        signup: mode,
        ...defaults,
      });
    }
  });

  it('open: anyone signs up, as a user', async () => {
    const { call } = signUpOn('open');
    expect(await call).toMatchObject({ role: 'user', share: null });
  });

  it('invite and closed: signing up without an invitation is FORBIDDEN and creates nothing', async () => {
    for (const mode of ['invite', 'closed'] as const) {
      const { call, email } = signUpOn(mode);
      expect(await failureOf(call, 'auth.register')).toMatchObject({
        code: 'FORBIDDEN',
        message: INVITATION_ONLY,
      });
      expect(await accountsWith(email)).toBe(0);
    }
  });

  it('invite and closed: the first account of the instance signs up without one, as its admin', async () => {
    const fresh = await createTestDatabase();
    try {
      for (const mode of ['closed', 'invite'] as const) {
        const first = instanceClient(fresh, mode).api.auth.register({
          email: uniqueEmail('operator'),
          password: PASSWORD,
          name: 'Operator',
        });
        if (mode === 'closed') {
          expect(await first).toMatchObject({ role: 'admin', share: null });
        } else {
          expect(await failureOf(first, 'auth.register')).toMatchObject({
            code: 'FORBIDDEN',
            message: INVITATION_ONLY,
          });
        }
      }
    } finally {
      await fresh.close();
    }
  });

  it('invite and closed: a valid invitation signs the person up and into the search in one step', async () => {
    for (const mode of ['invite', 'closed'] as const) {
      const { owner, token } = await invitationFrom('commenter');
      const { call, cookies } = signUpOn(mode, token);
      const user = await call;
      expect(user.share).toEqual({
        id: anyString,
        ownerId: owner.user.id,
        role: 'commenter',
      });
      const joined = client(cookies.token);
      expect((await joined.api.auth.me())?.id).toBe(user.id);
      expect((await joined.api.sharing.list()).sharedWithMe).toEqual([
        expect.objectContaining({ id: user.share!.id, role: 'commenter' }),
      ]);
      expect((await client(null).api.sharing.preview({ token })).status).toBe('used');
      const told = await client(owner.token).api.notification.list();
      expect(told.items.map((item) => item.kind)).toEqual(['invitation_accepted']);
    }
  });

  it('open: signing up from an invitation accepts it too', async () => {
    const { owner, token } = await invitationFrom('viewer');
    const user = await signUpOn('open', token).call;
    expect(user.share).toMatchObject({ ownerId: owner.user.id, role: 'viewer' });
  });

  it('a used, expired or cancelled invitation creates no account, in any mode', async () => {
    const used = await invitationFrom();
    await signUpOn('closed', used.token).call;
    const expired = await invitationFrom();
    await t.owner
      .sql`update share_invitations set expires_at = now() - interval '1 second' where id = ${expired.invitation.id}`;
    const cancelled = await invitationFrom();
    await client(cancelled.owner.token).api.sharing.cancelInvitation({
      id: cancelled.invitation.id,
    });
    const cases = [
      [used.token, 'CONFLICT', 'That invitation link has already been used.'],
      [expired.token, 'BAD_REQUEST', 'That invitation link has expired; ask for a new one.'],
      [
        cancelled.token,
        'NOT_FOUND',
        'That invitation link is not valid (it may have been cancelled).',
      ],
      [
        'z'.repeat(52),
        'NOT_FOUND',
        'That invitation link is not valid (it may have been cancelled).',
      ],
    ] as const;
    for (const mode of ['open', 'invite', 'closed'] as const) {
      for (const [token, code, message] of cases) {
        const { call, email } = signUpOn(mode, token);
        expect(await failureOf(call, 'auth.register')).toMatchObject({ code, message });
        expect(await accountsWith(email)).toBe(0);
      }
    }
  });
});

describe('sign-in and sign-out', () => {
  it('signing in with the right password starts a second session, listed as not current', async () => {
    const { user, email, token: first } = await register();
    const second = await login(email.toUpperCase());
    expect(second).not.toBe(first);
    const listed = await client(first).api.auth.sessions();
    expect(listed).toHaveLength(2);
    expect(listed.find((s) => s.current)?.id).toBe(sha256Hex(first));
    expect(listed.find((s) => !s.current)?.id).toBe(sha256Hex(second));
    expect((await validateSessionToken(t.app, second)).user?.id).toBe(user.id);
  });

  it('signing out ends the session in the database and clears the cookie', async () => {
    const { token } = await register();
    const { api, cookies } = client(token);
    await expect(api.auth.logout()).resolves.toEqual({ ok: true });
    expect(cookies.cleared).toBe(true);
    expect(await sessionRowCount(sha256Hex(token))).toBe(0);
    expect(await validateSessionToken(t.app, token)).toEqual({ session: null, user: null });
    expect(await client(token).api.auth.me()).toBeNull();
    const failure = await failureOf(client(token).api.auth.sessions(), 'auth.sessions');
    expect(failure.code).toBe('UNAUTHORIZED');
  });

  it('a made-up token signs nobody in', async () => {
    expect(await client('a'.repeat(32)).api.auth.me()).toBeNull();
    expect(await client('not a token').api.auth.me()).toBeNull();
  });
});

describe('revocation and password change', () => {
  it('a user can revoke another of their sessions, which then stops working', async () => {
    const { email, token: current } = await register();
    const other = await login(email);
    const { api, cookies } = client(current);
    await expect(api.auth.revokeSession({ id: sha256Hex(other) })).resolves.toEqual({
      ok: true,
      current: false,
    });
    expect(cookies.cleared).toBe(false);
    expect((await validateSessionToken(t.app, other)).session).toBeNull();
    expect((await validateSessionToken(t.app, current)).session).not.toBeNull();
  });

  it('revoking the current session clears its cookie', async () => {
    const { token } = await register();
    const { api, cookies } = client(token);
    await expect(api.auth.revokeSession({ id: sha256Hex(token) })).resolves.toEqual({
      ok: true,
      current: true,
    });
    expect(cookies.cleared).toBe(true);
    expect((await validateSessionToken(t.app, token)).session).toBeNull();
  });

  it("a user cannot revoke another user's session", async () => {
    const mallory = await register();
    const victim = await register();
    const failure = await failureOf(
      client(mallory.token).api.auth.revokeSession({ id: sha256Hex(victim.token) }),
      'auth.revokeSession',
    );
    expect(failure.code).toBe('NOT_FOUND');
    expect((await validateSessionToken(t.app, victim.token)).session).not.toBeNull();
  });

  it('changing the password revokes the other sessions but keeps the current one', async () => {
    const { email, token: current } = await register();
    const others = [await login(email), await login(email)];
    const result = await client(current).api.auth.changePassword({
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(result).toEqual({ ok: true, revokedSessions: 2 });
    expect((await validateSessionToken(t.app, current)).session).not.toBeNull();
    for (const token of others) {
      expect((await validateSessionToken(t.app, token)).session).toBeNull();
      expect(await sessionRowCount(sha256Hex(token))).toBe(0);
    }
    const oldPassword = await failureOf(
      client().api.auth.login({ email, password: PASSWORD }),
      'auth.login',
    );
    expect(oldPassword.code).toBe('UNAUTHORIZED');
    expect(await login(email, 'a brand new passphrase')).toMatch(/^[a-z2-7]{32}$/);
  });

  it('changing the password needs the current password and revokes nothing without it', async () => {
    const { email, token: current } = await register();
    const other = await login(email);
    const failure = await failureOf(
      client(current).api.auth.changePassword({
        currentPassword: 'not my password',
        newPassword: 'a brand new passphrase',
      }),
      'auth.changePassword',
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect((await validateSessionToken(t.app, other)).session).not.toBeNull();
    const tooShort = await failureOf(
      client(current).api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'short' }),
      'auth.changePassword',
    );
    expect(tooShort.data.fieldErrors?.newPassword).toBeDefined();
  });
});

describe('expiry', () => {
  it('an expired session is refused and deleted', async () => {
    const { token } = await register();
    const id = sha256Hex(token);
    await t.owner
      .sql`update sessions set expires_at = now() - interval '1 minute' where id = ${id}`;
    expect(await validateSessionToken(t.app, token)).toEqual({ session: null, user: null });
    expect(await sessionRowCount(id)).toBe(0);
  });

  it('a session with under 15 days left slides to 30 days when used', async () => {
    const { token } = await register();
    const id = sha256Hex(token);
    await t.owner.sql`update sessions set expires_at = now() + interval '10 days' where id = ${id}`;
    const { session } = await validateSessionToken(t.app, token);
    const thirtyDays = Date.now() + 30 * DAY_MS;
    expect(Math.abs(session!.expiresAt.getTime() - thirtyDays)).toBeLessThan(60_000);
    const [row] = await t.owner.sql<{ expires_at: string }[]>`
      select expires_at from sessions where id = ${id}`;
    expect(Math.abs(new Date(row!.expires_at).getTime() - thirtyDays)).toBeLessThan(60_000);
  });

  it('a renewed session is sent back to the browser with its new expiry', async () => {
    const { token } = await register();
    await t.owner.sql`
      update sessions set expires_at = now() + interval '10 days' where id = ${sha256Hex(token)}`;
    const { api, cookies } = client(token);
    await api.auth.me();
    expect(cookies.token).toBe(token);
    expect(Math.abs(cookies.expiresAt!.getTime() - (Date.now() + 30 * DAY_MS))).toBeLessThan(
      60_000,
    );
  });

  it('a session with more than 15 days left keeps its expiry', async () => {
    const { token } = await register();
    const id = sha256Hex(token);
    const [set] = await t.owner.sql<{ expires_at: string }[]>`
      update sessions set expires_at = now() + interval '20 days' where id = ${id} returning expires_at`;
    const { session } = await validateSessionToken(t.app, token);
    expect(session!.expiresAt).toBeInstanceOf(Date);
    expect(
      Math.abs(session!.expiresAt.getTime() - new Date(set!.expires_at).getTime()),
    ).toBeLessThan(1_000);
  });
});

describe('what the database holds', () => {
  it('the database never contains the raw token; the session id is its SHA-256 in hex', async () => {
    const { email, token } = await register();
    const second = await login(email);
    for (const raw of [token, second]) {
      expect(await sessionRowCount(sha256Hex(raw))).toBe(1);
      const tables = await t.owner.sql<{ schema: string; name: string }[]>`
        select n.nspname as schema, c.relname as name
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'pursuit', 'pursuit_internal') and c.relkind = 'r'`;
      expect(tables.map((r) => r.name)).toContain('sessions');
      for (const { schema, name } of tables) {
        const [hit] = await t.owner.db.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(schema)}.${sql.identifier(name)} x
               where strpos(x::text, ${raw}) > 0`,
        );
        expect(hit!.n, `${schema}.${name} contains a raw session token`).toBe(0);
      }
    }
    const ids = await t.owner.sql<{ id: string }[]>`select id from sessions`;
    for (const { id } of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('what a person guessing passwords learns', () => {
  it('a wrong password and an unknown email give the same error', async () => {
    const { email } = await register();
    const wrong = await failureOf(
      client().api.auth.login({ email, password: 'wrong password' }),
      'auth.login',
    );
    const unknown = await failureOf(
      client().api.auth.login({ email: uniqueEmail('nobody'), password: 'wrong password' }),
      'auth.login',
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect({ code: unknown.code, message: unknown.message }).toEqual({
      code: wrong.code,
      message: wrong.message,
    });
  });

  it('a wrong password and an unknown email take about the same time', async () => {
    const { email } = await register();
    const timed = async (address: string) => {
      const started = performance.now();
      await failureOf(
        client().api.auth.login({ email: address, password: 'wrong password' }),
        'auth.login',
      );
      return performance.now() - started;
    };
    // Warm both paths (the unknown-email path hashes its decoy once, lazily).
    await timed(email);
    await timed(uniqueEmail('nobody'));
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      wrong.push(await timed(email));
      unknown.push(await timed(uniqueEmail('nobody')));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    // Generous: noise cannot break it, but skipping the argon2 check on either path would.
    expect(ratio, `unknown ${median(unknown)} ms vs wrong ${median(wrong)} ms`).toBeGreaterThan(
      0.5,
    );
    expect(ratio, `unknown ${median(unknown)} ms vs wrong ${median(wrong)} ms`).toBeLessThan(2);
  });

  it('the 11th failed sign-in for an email is TOO_MANY_REQUESTS with a retry hint, even with the right password', async () => {
    const { email } = await register();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const failure = await failureOf(
        client().api.auth.login({ email, password: `wrong ${attempt}` }),
        'auth.login',
      );
      expect(failure.code, `attempt ${attempt}`).toBe('UNAUTHORIZED');
    }
    const limited = await failureOf(
      client().api.auth.login({ email, password: PASSWORD }),
      'auth.login',
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.data.httpStatus).toBe(429);
    expect(limited.data.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.message).toMatch(/Try again in \d+ minutes?/);
  });

  it('the 11th failed sign-in from one address is limited across different emails', async () => {
    const meta = { ip: '203.0.113.7' };
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const failure = await failureOf(
        client(null, meta).api.auth.login({ email: uniqueEmail('spray'), password: 'guess' }),
        'auth.login',
      );
      expect(failure.code, `attempt ${attempt}`).toBe('UNAUTHORIZED');
    }
    const { email } = await register();
    const limited = await failureOf(
      client(null, meta).api.auth.login({ email, password: PASSWORD }),
      'auth.login',
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    // Another address is not affected.
    expect(await login(email, PASSWORD, { ip: '198.51.100.1' })).toMatch(/^[a-z2-7]{32}$/);
  });
});
