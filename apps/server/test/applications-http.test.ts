// The applications API as a browser reaches it: a real HTTP server on a real
// port, tRPC's wire format with superjson (dates, error codes as HTTP
// statuses, field errors), the session cookie from Set-Cookie, Origin checks
// and the WebSocket upgrade on /trpc. Nothing is called in-process. The rules
// themselves are tested through the router in packages/api/test/router.
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { noDocumentServices, type RouterOutputs } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPursuitServer, type PursuitServer } from '../src/http';

const ORIGIN = 'http://pursuit.test';
const PASSWORD = 'correct horse battery staple';
const DESCRIPTION =
  'Own the ingestion pipeline end to end: Kafka consumers, Postgres schemas and a zygomorphic cache layer.';

type Application = RouterOutputs['application']['create'];
type Detail = RouterOutputs['application']['byId'];
type Board = RouterOutputs['application']['list'];
type Card = Board['cards'][number];

interface WireError {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    fieldErrors: Record<string, string[]> | null;
    current: Application | null;
  };
}

type Reply<T> =
  | { status: number; ok: true; data: T; setCookies: string[] }
  | { status: number; ok: false; error: WireError; setCookies: string[] };

let t: TestDatabase;
let pursuit: PursuitServer;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  pursuit = createPursuitServer({
    app: t.app,
    owner: t.owner,
    origin: ORIGIN,
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

interface CallOptions {
  cookie?: string | null;
  /** The Origin header; null sends none. */
  origin?: string | null;
}

async function send<T>(
  method: 'GET' | 'POST',
  path: string,
  input: unknown,
  { cookie = null, origin = ORIGIN }: CallOptions,
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  const wire = JSON.stringify(superjson.serialize(input));
  const response =
    method === 'GET'
      ? await fetch(`http://${base}/trpc/${path}?input=${encodeURIComponent(wire)}`, { headers })
      : await fetch(`http://${base}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: wire,
        });
  const setCookies = response.headers.getSetCookie();
  const text = await response.text();
  const body = JSON.parse(text) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: Parameters<typeof superjson.deserialize>[0];
  };
  if (body.result) {
    return {
      status: response.status,
      ok: true,
      data: superjson.deserialize<T>(body.result.data),
      setCookies,
    };
  }
  if (body.error) {
    return {
      status: response.status,
      ok: false,
      error: superjson.deserialize<WireError>(body.error),
      setCookies,
    };
  }
  throw new Error(`not a tRPC reply (HTTP ${response.status}): ${text}`);
}

const query = <T>(path: string, input: unknown, options: CallOptions = {}) =>
  send<T>('GET', path, input, options);
const mutate = <T>(path: string, input: unknown, options: CallOptions = {}) =>
  send<T>('POST', path, input, options);

function data<T>(reply: Reply<T>): T {
  if (!reply.ok)
    throw new Error(`expected success, got HTTP ${reply.status}: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

function failure<T>(reply: Reply<T>): WireError & { status: number } {
  if (reply.ok) throw new Error(`expected a failure, got ${JSON.stringify(reply.data)}`);
  return { ...reply.error, status: reply.status };
}

function sessionCookie(setCookies: string[]): string {
  const header = setCookies.find((c) => c.startsWith('pursuit_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(setCookies)}`);
  return header.split(';')[0]!;
}

/** A person with a browser: signs up over HTTP and keeps the cookie. */
class Person {
  constructor(
    readonly email: string,
    readonly cookie: string,
  ) {}

  static async signUp(name: string): Promise<Person> {
    const email = `${name.toLowerCase()}-${randomUUID()}@example.com`;
    const reply = await mutate('auth.register', { email, password: PASSWORD, name });
    data(reply);
    return new Person(email, sessionCookie(reply.setCookies));
  }

  async signInAgain(): Promise<string> {
    const reply = await mutate('auth.login', { email: this.email, password: PASSWORD });
    data(reply);
    return sessionCookie(reply.setCookies);
  }

  query<T>(path: string, input: unknown) {
    return query<T>(path, input, { cookie: this.cookie });
  }

  mutate<T>(path: string, input: unknown) {
    return mutate<T>(path, input, { cookie: this.cookie });
  }

  async create(fields: Record<string, unknown> = {}): Promise<Application> {
    return data(
      await this.mutate<Application>('application.create', {
        companyName: 'Globex',
        roleTitle: 'Platform Engineer',
        jobDescription: DESCRIPTION,
        ...fields,
      }),
    );
  }

  async list(input: Record<string, unknown> = {}): Promise<Card[]> {
    return data(await this.query<Board>('application.list', input)).cards;
  }
}

describe('the session cookie over HTTP', () => {
  it('registering sets an HttpOnly, SameSite=Lax, Path=/ session cookie', async () => {
    const reply = await mutate('auth.register', {
      email: `cookie-${randomUUID()}@example.com`,
      password: PASSWORD,
      name: 'Cookie',
    });
    expect(reply.status).toBe(200);
    const header = reply.setCookies.find((c) => c.startsWith('pursuit_session='))!;
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    // Served over plain http here, so no Secure flag (it would stop the cookie).
    expect(header).not.toMatch(/Secure/);
  });

  it('a call without a cookie is UNAUTHORIZED', async () => {
    const error = failure(await query('application.list', {}));
    expect(error.status).toBe(401);
    expect(error.data.code).toBe('UNAUTHORIZED');
  });
});

describe('applications over HTTP: the wire format', () => {
  let ada: Person;
  let bob: Person;

  beforeAll(async () => {
    ada = await Person.signUp('Ada');
    bob = await Person.signUp('Bob');
  });

  it('a user can create an application and find it in their list', async () => {
    const created = await ada.create({
      jobUrl: 'https://jobs.example.com/globex/1',
      salaryMin: 100_000,
      salaryMax: 140_000,
      salaryCurrency: 'eur',
    });
    expect(created).toMatchObject({
      companyName: 'Globex',
      roleTitle: 'Platform Engineer',
      stage: 'interested',
      salaryCurrency: 'EUR',
      version: 1,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    const list = await ada.list();
    expect(list.map((a) => a.id)).toContain(created.id);
    expect(await bob.list()).toEqual([]);
  });

  it('an update with a stale version is 409 CONFLICT carrying the current row', async () => {
    const created = await ada.create();
    const first = data(
      await ada.mutate<Application>('application.update', {
        id: created.id,
        version: created.version,
        notes: 'first edit',
      }),
    );
    expect(first.version).toBe(created.version + 1);
    const stale = failure(
      await ada.mutate('application.update', {
        id: created.id,
        version: created.version,
        notes: 'edit from a stale tab',
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.data.code).toBe('CONFLICT');
    expect(stale.data.current).toMatchObject({
      id: created.id,
      version: first.version,
      notes: 'first edit',
    });
    expect(stale.data.current?.updatedAt).toBeInstanceOf(Date);
  });

  it('a missing application is 404 NOT_FOUND, and byId carries dates as dates', async () => {
    const created = await ada.create();
    const detail = data(await ada.query<Detail>('application.byId', { id: created.id }));
    expect(detail.createdAt).toBeInstanceOf(Date);
    const missing = failure(await ada.query('application.byId', { id: randomUUID() }));
    expect(missing.status).toBe(404);
    expect(missing.data.code).toBe('NOT_FOUND');
  });

  it('bad input is 400 BAD_REQUEST with a message for each field', async () => {
    const before = (await ada.list()).length;
    const error = failure(
      await ada.mutate('application.create', {
        companyName: '',
        roleTitle: 'Engineer',
        jobDescription: 'Too short.',
        jobUrl: 'ftp://jobs.example.com/1',
        salaryMin: 200,
        salaryMax: 100,
      }),
    );
    expect(error.status).toBe(400);
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.fieldErrors).toMatchObject({
      companyName: ['Enter the company name.'],
      jobDescription: [expect.stringMatching(/at least 50 characters/)],
      jobUrl: [expect.stringMatching(/http:\/\/ or https:\/\//)],
    });
    expect(error.message).not.toBe('');
    expect((await ada.list()).length).toBe(before);
  });
});

describe('cross-origin requests', () => {
  it('a POST with a foreign Origin is refused with 403 and changes nothing', async () => {
    const victim = await Person.signUp('Victim');
    for (const origin of ['https://evil.example', null]) {
      const response = await fetch(`http://${base}/trpc/application.create`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: victim.cookie,
          ...(origin ? { origin } : {}),
        },
        body: JSON.stringify(
          superjson.serialize({
            companyName: 'Evil',
            roleTitle: 'Mole',
            jobDescription: DESCRIPTION,
          }),
        ),
      });
      expect(response.status, `Origin: ${origin}`).toBe(403);
    }
    expect(await victim.list()).toEqual([]);
  });
});

describe('the WebSocket upgrade at /trpc', () => {
  type Outcome = { opened: WebSocket } | { refused: number };

  function connect(headers: Record<string, string>): Promise<Outcome> {
    const ws = new WebSocket(`ws://${base}/trpc`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ opened: ws }));
      ws.once('unexpected-response', (_req, res) => {
        resolve({ refused: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  function closeCode(ws: WebSocket, withinMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`socket still open after ${withinMs} ms`)),
        withinMs,
      );
      ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  it('an upgrade without a session cookie is refused with 401', async () => {
    expect(await connect({ origin: ORIGIN })).toEqual({ refused: 401 });
    expect(
      await connect({ origin: ORIGIN, cookie: 'pursuit_session=abcdefghijklmnopqrstuvwxyz234567' }),
    ).toEqual({
      refused: 401,
    });
  });

  it('an upgrade from a foreign Origin is refused with 403, even with a valid cookie', async () => {
    const person = await Person.signUp('Socket');
    expect(await connect({ origin: 'https://evil.example', cookie: person.cookie })).toEqual({
      refused: 403,
    });
  });

  it('revoking a session over HTTP closes its socket with code 4001 within 1 s', async () => {
    const person = await Person.signUp('Revoked');
    const laptop = await person.signInAgain();
    const outcome = await connect({ origin: ORIGIN, cookie: laptop });
    if (!('opened' in outcome)) throw new Error(`upgrade refused with ${outcome.refused}`);
    const token = laptop.slice('pursuit_session='.length);
    const closed = closeCode(outcome.opened, 1_000);
    const revoked = await person.mutate('auth.revokeSession', {
      id: createHash('sha256').update(token).digest('hex'),
    });
    expect(data(revoked)).toEqual({ ok: true, current: false });
    expect(await closed).toBe(4001);
  });

  it('signing out closes that session’s socket with code 4001 and leaves the others open', async () => {
    const person = await Person.signUp('Leaver');
    const phone = await person.signInAgain();
    const onPhone = await connect({ origin: ORIGIN, cookie: phone });
    const onDesktop = await connect({ origin: ORIGIN, cookie: person.cookie });
    if (!('opened' in onPhone) || !('opened' in onDesktop)) throw new Error('upgrade refused');
    const closed = closeCode(onPhone.opened, 1_000);
    const loggedOut = await mutate('auth.logout', {}, { cookie: phone });
    data(loggedOut);
    // The browser applies Set-Cookie headers in order: the last one for the session wins.
    expect(loggedOut.setCookies.filter((c) => c.startsWith('pursuit_session=')).at(-1)).toMatch(
      /^pursuit_session=;.*Max-Age=0/,
    );
    expect(await closed).toBe(4001);
    expect(onDesktop.opened.readyState).toBe(WebSocket.OPEN);
    onDesktop.opened.close();
  });
});

describe('issue 10: headers on responses that are not pages', () => {
  it('tRPC, /healthz and 404s are nosniff, same-origin referrer and deny-all CSP; no HSTS on http', async () => {
    for (const path of ['/healthz', '/trpc/auth.me', '/nowhere']) {
      const response = await fetch(`http://${base}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(response.headers.get('content-security-policy'), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('an https origin adds Strict-Transport-Security', async () => {
    const secure = createPursuitServer({
      app: t.app,
      owner: t.owner,
      origin: 'https://pursuit.test',
      documents: noDocumentServices,
    });
    try {
      await secure.ready;
      secure.server.listen(0, '127.0.0.1');
      await once(secure.server, 'listening');
      const port = (secure.server.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await secure.close();
    }
  });
});
