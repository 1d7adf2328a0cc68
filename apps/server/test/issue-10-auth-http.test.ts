// Issue 10 over real HTTP: sign-in throttling holds for one httpBatch request
// and for parallel requests, TRUST_PROXY decides whose address is throttled,
// and an https origin gets the __Host- session cookie and accepts only it.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { noDocumentServices } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import superjson from 'superjson';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPursuitServer, type PursuitServer } from '../src/http';
import { parseTrustProxy } from '../src/trust-proxy';

const PASSWORD = 'correct horse battery staple';

interface Running {
  base: string;
  origin: string;
}

const started: { pursuit: PursuitServer; t: TestDatabase }[] = [];

afterAll(async () => {
  for (const { pursuit, t } of started) {
    await pursuit.close();
    await t.close();
  }
});

/** A server on its own database, so one test's throttle never reaches another's. */
async function start(
  options: { origin?: string; trustProxy?: string; web?: boolean } = {},
): Promise<Running> {
  const t = await createTestDatabase();
  const origin = options.origin ?? 'http://pursuit.test';
  const pursuit = createPursuitServer({
    app: t.app,
    owner: t.owner,
    origin,
    documents: noDocumentServices,
    trustProxy: parseTrustProxy(options.trustProxy),
    // A stand-in for SvelteKit that shows which client address it was handed.
    web: options.web
      ? (req: IncomingMessage, res: ServerResponse) => {
          res.end(String(req.headers['x-pursuit-client-address'] ?? ''));
        }
      : undefined,
  });
  started.push({ pursuit, t });
  await pursuit.ready;
  pursuit.server.listen(0, '127.0.0.1');
  await once(pursuit.server, 'listening');
  return { base: `http://127.0.0.1:${(pursuit.server.address() as AddressInfo).port}`, origin };
}

interface Outcome {
  status: number;
  /** The tRPC error code, or 'ok'. */
  code: string;
  message: string;
  setCookies: string[];
  data: unknown;
}

async function call(
  running: Running,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const response = await fetch(`${running.base}/trpc/${path}`, {
    method: 'POST',
    headers: { origin: running.origin, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return {
    status: response.status,
    code: body.error ? body.error.json.data.code : 'ok',
    message: body.error?.json.message ?? '',
    setCookies: response.headers.getSetCookie(),
    data: body.result?.data.json,
  };
}

async function query(running: Running, path: string, cookie: string): Promise<unknown> {
  const response = await fetch(`${running.base}/trpc/${path}`, { headers: { cookie } });
  const body = (await response.json()) as { result: { data: { json: unknown } } };
  return body.result.data.json;
}

async function register(running: Running, headers: Record<string, string> = {}) {
  const email = `person-${randomUUID()}@example.com`;
  const reply = await call(
    running,
    'auth.register',
    { email, password: PASSWORD, name: 'Ada' },
    headers,
  );
  expect(reply.code).toBe('ok');
  return { email, setCookies: reply.setCookies };
}

function tally(codes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe('issue 10: sign-in attempts are reserved before the password check, over HTTP', () => {
  it('one httpBatch request of 40 wrong-password sign-ins gets at most 10 password checks', async () => {
    const running = await start();
    const { email } = await register(running);
    const paths = Array.from({ length: 40 }, () => 'auth.login').join(',');
    const body: Record<string, unknown> = {};
    for (let i = 0; i < 40; i += 1)
      body[i] = superjson.serialize({ email, password: `wrong ${i}` });
    const response = await fetch(`${running.base}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { origin: running.origin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const items = (await response.json()) as { error?: { json: { data: { code: string } } } }[];
    expect(items).toHaveLength(40);
    const counts = tally(items.map((item) => item.error?.json.data.code ?? 'ok'));
    expect(counts.UNAUTHORIZED ?? 0).toBeLessThanOrEqual(10);
    expect(counts.TOO_MANY_REQUESTS).toBeGreaterThanOrEqual(30);
  });

  it('40 parallel wrong-password requests from one address get at most 10 password checks', async () => {
    const running = await start();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        call(running, 'auth.login', {
          email: `spray-${randomUUID()}@example.com`,
          password: 'guess',
        }),
      ),
    );
    const counts = tally(outcomes.map((o) => o.code));
    expect(counts.UNAUTHORIZED ?? 0).toBeLessThanOrEqual(10);
    expect(counts.TOO_MANY_REQUESTS).toBeGreaterThanOrEqual(30);
    const limited = outcomes.find((o) => o.code === 'TOO_MANY_REQUESTS')!;
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(/Try again in \d+ minutes?\./);
  });
});

/** Ten wrong sign-ins (each for another email) from `headers`' client, then the eleventh's code. */
async function eleventhFrom(running: Running, headers: Record<string, string>): Promise<string> {
  for (let i = 0; i < 10; i += 1) {
    const reply = await call(
      running,
      'auth.login',
      { email: `spray-${randomUUID()}@example.com`, password: 'guess' },
      headers,
    );
    expect(reply.code, `attempt ${i + 1}`).toBe('UNAUTHORIZED');
  }
  const reply = await call(
    running,
    'auth.login',
    { email: `spray-${randomUUID()}@example.com`, password: 'guess' },
    headers,
  );
  return reply.code;
}

describe('issue 10: TRUST_PROXY decides whose address is throttled', () => {
  it('two clients behind a trusted proxy are throttled separately', async () => {
    const running = await start({ trustProxy: 'loopback' });
    expect(await eleventhFrom(running, { 'x-forwarded-for': '203.0.113.1' })).toBe(
      'TOO_MANY_REQUESTS',
    );
    // The proxy (127.0.0.1) forwards another client: its own budget.
    const other = await call(
      running,
      'auth.login',
      { email: `spray-${randomUUID()}@example.com`, password: 'guess' },
      { 'x-forwarded-for': '203.0.113.2' },
    );
    expect(other.code).toBe('UNAUTHORIZED');
  });

  it('without TRUST_PROXY a peer cannot escape its throttle by sending X-Forwarded-For', async () => {
    const running = await start();
    let n = 0;
    for (let i = 0; i < 10; i += 1) {
      n += 1;
      const reply = await call(
        running,
        'auth.login',
        { email: `spray-${randomUUID()}@example.com`, password: 'guess' },
        { 'x-forwarded-for': `203.0.113.${n}` },
      );
      expect(reply.code).toBe('UNAUTHORIZED');
    }
    const limited = await call(
      running,
      'auth.login',
      { email: `spray-${randomUUID()}@example.com`, password: 'guess' },
      { 'x-forwarded-for': '203.0.113.99' },
    );
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
  });

  it('a peer that is not the trusted proxy cannot name a client', async () => {
    // Only 10.0.0.0/8 is trusted; the test connects from 127.0.0.1.
    const running = await start({ trustProxy: '10.0.0.0/8' });
    expect(await eleventhFrom(running, { 'x-forwarded-for': '203.0.113.1' })).toBe(
      'TOO_MANY_REQUESTS',
    );
    const other = await call(
      running,
      'auth.login',
      { email: `spray-${randomUUID()}@example.com`, password: 'guess' },
      { 'x-forwarded-for': '203.0.113.2' },
    );
    expect(other.code).toBe('TOO_MANY_REQUESTS');
  });

  it('the web app is handed the resolved client, never a client-sent header', async () => {
    const trusted = await start({ trustProxy: '1', web: true });
    const forged = { 'x-forwarded-for': '203.0.113.5', 'x-pursuit-client-address': '192.0.2.66' };
    expect(await (await fetch(`${trusted.base}/`, { headers: forged })).text()).toBe('203.0.113.5');
    const direct = await start({ web: true });
    expect(await (await fetch(`${direct.base}/`, { headers: forged })).text()).toBe('127.0.0.1');
  });
});

describe('issue 10: the session cookie on an https origin', () => {
  const origin = 'https://pursuit.test';

  it('is named __Host- with Secure, Path=/ and no Domain, and only that name signs in', async () => {
    const running = await start({ origin });
    const { email, setCookies } = await register(running);
    const registered = setCookies.find((c) => c.startsWith('__Host-pursuit_session='));
    expect(registered, JSON.stringify(setCookies)).toBeDefined();

    const login = await call(running, 'auth.login', { email, password: PASSWORD });
    expect(login.code).toBe('ok');
    expect(login.setCookies).toHaveLength(1);
    const header = login.setCookies[0]!;
    expect(header).toMatch(/^__Host-pursuit_session=[a-z2-7]{32};/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Domain=/i);

    const token = header.split(';')[0]!.slice('__Host-pursuit_session='.length);
    expect(await query(running, 'auth.me', `__Host-pursuit_session=${token}`)).toMatchObject({
      email,
    });
    // The same token under the plain name (planted over http or by a subdomain) is not a session.
    expect(await query(running, 'auth.me', `pursuit_session=${token}`)).toBeNull();

    // Nor does it open a live connection.
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${running.base.replace('http', 'ws')}/trpc`, {
        headers: { origin, cookie: `pursuit_session=${token}` },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
    });
    expect(status).toBe(401);

    const logout = await call(
      running,
      'auth.logout',
      {},
      { cookie: `__Host-pursuit_session=${token}` },
    );
    expect(logout.setCookies.at(-1)).toMatch(/^__Host-pursuit_session=;.*Max-Age=0.*Secure/);
  });

  it('on plain http the cookie keeps its plain name and no Secure flag', async () => {
    const running = await start();
    const { setCookies } = await register(running);
    expect(setCookies[0]).toMatch(/^pursuit_session=/);
    expect(setCookies[0]).not.toMatch(/Secure/);
  });
});
