// Issue 10: every password check is throttled, and an attempt is reserved
// before the password is checked, so parallel calls (or one HTTP batch, which
// runs its calls in parallel) cannot get more checks than the limit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { type RequestMeta } from '../../src/server';
import { PASSWORD_CHECK, SIGN_IN, SIGN_UP } from '../../src/auth/throttle';
import { cookieClient, failureOf, PASSWORD } from '../support/accounts';

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

const uniqueEmail = (label = 'person') => `${label}-${randomUUID()}@example.com`;
/** A documentation address (RFC 5737) of its own for each test. */
let nextAddress = 1;
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function register(meta: Partial<RequestMeta> = {}) {
  const email = uniqueEmail();
  const { api, cookies } = client(null, meta);
  const user = await api.auth.register({ email, password: PASSWORD, name: 'Ada' });
  return { user, email, token: cookies.token! };
}

/** How many calls ended with each outcome ('ok' or the tRPC error code). */
async function outcomes(calls: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(calls)) {
    const key =
      result.status === 'fulfilled' ? 'ok' : ((result.reason as { code?: string }).code ?? '?');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('issue 10: an attempt is reserved before the password is checked', () => {
  it('40 parallel wrong-password sign-ins for one email get at most 10 password checks', async () => {
    const { email } = await register();
    // Each from its own address, so only the email's limit applies.
    const counts = await outcomes(
      Array.from({ length: 40 }, (_, i) =>
        client(null, { ip: `192.0.2.${i + 1}` }).api.auth.login({ email, password: `wrong ${i}` }),
      ),
    );
    expect(counts.UNAUTHORIZED ?? 0).toBeLessThanOrEqual(SIGN_IN.limit);
    expect(counts.TOO_MANY_REQUESTS ?? 0).toBeGreaterThanOrEqual(40 - SIGN_IN.limit);
    expect((counts.UNAUTHORIZED ?? 0) + (counts.TOO_MANY_REQUESTS ?? 0)).toBe(40);
  });

  it('40 parallel wrong-password sign-ins from one address get at most 10 password checks', async () => {
    const ip = freshAddress();
    const counts = await outcomes(
      Array.from({ length: 40 }, () =>
        client(null, { ip }).api.auth.login({ email: uniqueEmail('spray'), password: 'guess' }),
      ),
    );
    expect(counts.UNAUTHORIZED ?? 0).toBeLessThanOrEqual(SIGN_IN.limit);
    expect((counts.UNAUTHORIZED ?? 0) + (counts.TOO_MANY_REQUESTS ?? 0)).toBe(40);
  });

  it('successful sign-ins give their attempt back: one address can sign in again and again', async () => {
    const ip = freshAddress();
    const { email } = await register();
    for (let i = 0; i < SIGN_IN.limit + 5; i += 1) {
      await client(null, { ip }).api.auth.login({ email, password: PASSWORD });
    }
    const failure = await failureOf(
      client(null, { ip }).api.auth.login({ email, password: 'wrong' }),
    );
    expect(failure.code).toBe('UNAUTHORIZED');
  });
});

describe('issue 10: sign-up is throttled per client address', () => {
  it(`a sign-up past ${SIGN_UP.limit} from one address within the hour is TOO_MANY_REQUESTS`, async () => {
    const ip = freshAddress();
    for (let i = 0; i < SIGN_UP.limit; i += 1) await register({ ip });
    const limited = await failureOf(
      client(null, { ip }).api.auth.register({
        email: uniqueEmail(),
        password: PASSWORD,
        name: 'Ada',
      }),
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(
      /^Too many new accounts from this network\. Try again in \d+ minutes?\.$/,
    );
    // Another address may still sign up.
    await register({ ip: freshAddress() });
  });
});

describe('issue 10: password re-entry is throttled per user and per address', () => {
  it('the 11th wrong current password is TOO_MANY_REQUESTS, even when right', async () => {
    const { token } = await register();
    const ip = freshAddress();
    for (let i = 0; i < PASSWORD_CHECK.limit; i += 1) {
      const failure = await failureOf(
        client(token, { ip }).api.auth.changePassword({
          currentPassword: `wrong ${i}`,
          newPassword: 'a brand new password',
        }),
      );
      expect(failure.code, `attempt ${i + 1}`).toBe('BAD_REQUEST');
    }
    const limited = await failureOf(
      // From another address: the user's own limit applies.
      client(token, { ip: freshAddress() }).api.auth.changePassword({
        currentPassword: PASSWORD,
        newPassword: 'a brand new password',
      }),
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(/^Too many password attempts\. Try again in \d+ minutes?\.$/);
  });

  it('40 parallel wrong passwords to delete an account get at most 10 checks, and the account stays', async () => {
    const { token, user } = await register();
    const counts = await outcomes(
      Array.from({ length: 40 }, (_, i) =>
        client(token, { ip: `203.0.113.${i + 1}` }).api.auth.deleteAccount({
          password: `wrong ${i}`,
        }),
      ),
    );
    expect(counts.BAD_REQUEST ?? 0).toBeLessThanOrEqual(PASSWORD_CHECK.limit);
    expect((counts.BAD_REQUEST ?? 0) + (counts.TOO_MANY_REQUESTS ?? 0)).toBe(40);
    const limited = await failureOf(client(token).api.auth.deleteAccount({ password: PASSWORD }));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(/Try again in \d+ minutes?\./);
    expect((await client(token).api.auth.me())?.id).toBe(user.id);
  });

  it('the 11th wrong password from one address is limited across accounts', async () => {
    const ip = freshAddress();
    const people = await Promise.all(Array.from({ length: 3 }, () => register()));
    for (let i = 0; i < PASSWORD_CHECK.limit; i += 1) {
      const failure = await failureOf(
        client(people[i % 3]!.token, { ip }).api.auth.deleteAccount({ password: 'guess' }),
      );
      expect(failure.code, `attempt ${i + 1}`).toBe('BAD_REQUEST');
    }
    const limited = await failureOf(
      client(people[0]!.token, { ip }).api.auth.changePassword({
        currentPassword: PASSWORD,
        newPassword: 'a brand new password',
      }),
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
  });

  it('a right password gives its attempt back', async () => {
    const { token } = await register();
    const ip = freshAddress();
    let current = PASSWORD;
    for (let i = 0; i < PASSWORD_CHECK.limit + 2; i += 1) {
      const next = `new password number ${i}`;
      await client(token, { ip }).api.auth.changePassword({
        currentPassword: current,
        newPassword: next,
      });
      current = next;
    }
  });
});
