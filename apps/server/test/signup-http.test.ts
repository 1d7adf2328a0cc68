// SIGNUP, ORIGIN and GHOSTED_AFTER_DAYS as a browser meets them (issues 12,
// 13): read from the environment, carried into every request's context, so
// auth.config says the mode and the ghosting threshold, sign-up without an invitation is refused, and an invitation link is
// made on the public origin. The rules themselves are tested through the
// router in packages/api/test/router.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { noDocumentServices } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { createPursuitServer, type PursuitServer } from '../src/http';

const ORIGIN = 'http://pursuit.test';
const PASSWORD = 'correct horse battery staple';

let t: TestDatabase;
let pursuit: PursuitServer;
let base: string;
/** The session cookie of the instance's first account (its admin). */
let operatorCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  pursuit = createPursuitServer({
    app: t.app,
    owner: t.owner,
    origin: ORIGIN,
    signup: readEnv({ SIGNUP: 'closed' }).signup,
    ghostedAfterDays: readEnv({ GHOSTED_AFTER_DAYS: '30' }).ghostedAfterDays,
    documents: noDocumentServices,
  });
  await pursuit.ready;
  pursuit.server.listen(0, '127.0.0.1');
  await once(pursuit.server, 'listening');
  base = `127.0.0.1:${(pursuit.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await pursuit?.close();
  await t?.close();
});

interface Reply {
  status: number;
  data?: unknown;
  error?: { message: string; data: { code: string } };
  cookie?: string;
}

async function call(path: string, input: unknown, cookie?: string): Promise<Reply> {
  const wire = JSON.stringify(superjson.serialize(input));
  const headers: Record<string, string> = { origin: ORIGIN };
  if (cookie) headers.cookie = cookie;
  const response =
    input === undefined
      ? await fetch(`http://${base}/trpc/${path}`, { headers })
      : await fetch(`http://${base}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: wire,
        });
  const body = (await response.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: Parameters<typeof superjson.deserialize>[0];
  };
  const session = response.headers.getSetCookie().find((c) => c.startsWith('pursuit_session='));
  return {
    status: response.status,
    data: body.result ? superjson.deserialize(body.result.data) : undefined,
    error: body.error ? superjson.deserialize(body.error) : undefined,
    cookie: session?.split(';')[0],
  };
}

describe('SIGNUP', () => {
  it('is open unless set, and refuses a value it does not know', () => {
    expect(readEnv({}).signup).toBe('open');
    expect(readEnv({ SIGNUP: 'Invite' }).signup).toBe('invite');
    expect(() => readEnv({ SIGNUP: 'maybe' })).toThrow(/SIGNUP must be open, invite or closed/);
  });

  it('GHOSTED_AFTER_DAYS is 21 unless set, a whole number of days from 1 to 365', () => {
    expect(readEnv({}).ghostedAfterDays).toBe(21);
    expect(readEnv({ GHOSTED_AFTER_DAYS: '45' }).ghostedAfterDays).toBe(45);
    expect(() => readEnv({ GHOSTED_AFTER_DAYS: '0' })).toThrow(
      /GHOSTED_AFTER_DAYS must be at least 1/,
    );
    expect(() => readEnv({ GHOSTED_AFTER_DAYS: '2.5' })).toThrow(/whole number/);
    expect(() => readEnv({ GHOSTED_AFTER_DAYS: '400' })).toThrow(/at most 365/);
  });

  it('SMTP_URL is off unless set; the digest sender defaults to the origin’s host', () => {
    expect(readEnv({}).smtpUrl).toBeUndefined();
    const env = readEnv({
      SMTP_URL: 'smtp://mail.example.com:587',
      ORIGIN: 'https://jobs.example.com',
    });
    expect(env.smtpUrl).toBe('smtp://mail.example.com:587');
    expect(env.digestFrom).toBe('pursuit@jobs.example.com');
  });

  it('reaches every request: auth.config says closed; the first account signs up, as admin, and nobody after it without an invitation', async () => {
    expect(await call('auth.config', undefined)).toMatchObject({
      status: 200,
      data: { signup: 'closed', ghostedAfterDays: 30 },
    });
    const first = await call('auth.register', {
      email: `${randomUUID()}@example.com`,
      password: PASSWORD,
      name: 'Operator',
    });
    expect(first).toMatchObject({ status: 200, data: { role: 'admin' } });
    operatorCookie = first.cookie!;
    const refused = await call('auth.register', {
      email: `${randomUUID()}@example.com`,
      password: PASSWORD,
      name: 'Walk-in',
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toBe('Sign-up on this instance is by invitation only.');
  });
});

describe('invitation links', () => {
  it('are made on ORIGIN, and signing up from one works on a closed instance', async () => {
    const invited = await call('sharing.invite', { role: 'viewer' }, operatorCookie);
    const { url } = invited.data as { url: string };
    expect(url).toMatch(new RegExp(`^${ORIGIN}/invite/[a-z2-7]{52}$`));

    const joined = await call('auth.register', {
      email: `${randomUUID()}@example.com`,
      password: PASSWORD,
      name: 'Coach',
      invitation: url.slice(url.lastIndexOf('/') + 1),
    });
    expect(joined.status).toBe(200);
    expect(joined.data).toMatchObject({ role: 'user', share: { role: 'viewer' } });
    expect(joined.cookie).toBeDefined();
  });
});
