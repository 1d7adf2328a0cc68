// Tokens for scripts over real HTTP (issue 14): a script sends
// `Authorization: Bearer pst_…` with no cookie and no Origin, reaches only the
// procedures tokens/access.ts lists, cannot write with a read token, is
// throttled per token and never opens the WebSocket.
import { randomUUID } from 'node:crypto';
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
type Board = RouterOutputs['application']['list'];
type Created = RouterOutputs['token']['create'];
type TokenList = RouterOutputs['token']['list'];

interface WireError {
  message: string;
  data: { code: string; httpStatus: number };
}

type Reply<T> =
  | { status: number; ok: true; data: T; headers: Headers }
  | { status: number; ok: false; error: WireError; headers: Headers };

let t: TestDatabase;
let pursuit: PursuitServer;
let base: string;

async function listen(server: PursuitServer): Promise<string> {
  await server.ready;
  server.server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return `127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  pursuit = createPursuitServer({
    app: t.app,
    owner: t.owner,
    origin: ORIGIN,
    documents: noDocumentServices,
  });
  base = await listen(pursuit);
});

afterAll(async () => {
  await pursuit?.close();
  await t?.close();
});

interface CallOptions {
  cookie?: string | null;
  origin?: string | null;
  bearer?: string | null;
  /** A raw Authorization header, for malformed ones. */
  authorization?: string;
  at?: string;
}

async function send<T>(
  method: 'GET' | 'POST',
  path: string,
  input: unknown,
  { cookie = null, origin = null, bearer = null, authorization, at = base }: CallOptions,
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (authorization) headers.authorization = authorization;
  const wire = JSON.stringify(superjson.serialize(input));
  const response =
    method === 'GET'
      ? await fetch(`http://${at}/trpc/${path}?input=${encodeURIComponent(wire)}`, { headers })
      : await fetch(`http://${at}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: wire,
        });
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
      headers: response.headers,
    };
  }
  if (body.error) {
    return {
      status: response.status,
      ok: false,
      error: superjson.deserialize<WireError>(body.error),
      headers: response.headers,
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

const newApplication = {
  companyName: 'Globex',
  roleTitle: 'Platform Engineer',
  jobDescription: DESCRIPTION,
};

/** A person in a browser (cookie + Origin) who makes tokens for their scripts. */
class Person {
  constructor(
    readonly id: string,
    readonly cookie: string,
  ) {}

  static async signUp(name: string): Promise<Person> {
    const email = `${name.toLowerCase()}-${randomUUID()}@example.com`;
    const reply = await mutate<{ user: { id: string } }>(
      'auth.register',
      { email, password: PASSWORD, name },
      { origin: ORIGIN },
    );
    const header = reply.headers.getSetCookie().find((c) => c.startsWith('pursuit_session='));
    if (!header) throw new Error('no session cookie');
    const me = data(
      await query<{ id: string }>('auth.me', undefined, { cookie: header.split(';')[0]! }),
    );
    return new Person(me.id, header.split(';')[0]!);
  }

  query<T>(path: string, input: unknown) {
    return query<T>(path, input, { cookie: this.cookie, origin: ORIGIN });
  }

  mutate<T>(path: string, input: unknown) {
    return mutate<T>(path, input, { cookie: this.cookie, origin: ORIGIN });
  }

  async token(scope: 'read' | 'write', extra: Record<string, unknown> = {}): Promise<Created> {
    return data(
      await this.mutate<Created>('token.create', { name: `${scope} script`, scope, ...extra }),
    );
  }
}

let ann: Person;
let bob: Person;
let annApplication: Application;
let bobApplication: Application;

beforeAll(async () => {
  ann = await Person.signUp('Ann');
  bob = await Person.signUp('Bob');
  annApplication = data(await ann.mutate<Application>('application.create', newApplication));
  bobApplication = data(
    await bob.mutate<Application>('application.create', {
      ...newApplication,
      companyName: 'Initech',
    }),
  );
});

describe('making tokens', () => {
  it('token.create returns the raw token once; token.list shows no secret', async () => {
    const created = await ann.token('read', { name: 'Nightly backup' });
    expect(created.token).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(created.summary).toMatchObject({
      name: 'Nightly backup',
      scope: 'read',
      lastUsedAt: null,
    });
    const list = data(await ann.query<TokenList>('token.list', undefined));
    const listed = list.find((token) => token.id === created.summary.id)!;
    expect(listed.name).toBe('Nightly backup');
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(Object.keys(listed).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'scope'].sort(),
    );
    const [row] = await t.owner.sql<{ token_hash: string }[]>`
      select token_hash from api_tokens where id = ${created.summary.id}`;
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an expiry in the past is refused with a sentence', async () => {
    const error = failure(
      await ann.mutate('token.create', {
        name: 'x',
        scope: 'read',
        expiresAt: new Date(Date.now() - 1000),
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/future/);
  });
});

describe('a read token', () => {
  it('lists the board with no cookie and no Origin', async () => {
    const { token } = await ann.token('read');
    const board = data(await query<Board>('application.list', {}, { bearer: token }));
    expect(board.cards.map((card) => card.id)).toContain(annApplication.id);
    const detail = data(
      await query<{ id: string }>('application.byId', { id: annApplication.id }, { bearer: token }),
    );
    expect(detail.id).toBe(annApplication.id);
  });

  it('cannot write: a mutation is FORBIDDEN with a sentence', async () => {
    const { token } = await ann.token('read');
    const error = failure(await mutate('application.create', newApplication, { bearer: token }));
    expect(error.status).toBe(403);
    expect(error.data.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/can only read/);
  });

  it('a cookie sent along changes nothing: the token alone counts', async () => {
    const { token } = await ann.token('read');
    const error = failure(
      await mutate('application.create', newApplication, {
        bearer: token,
        cookie: ann.cookie,
        origin: ORIGIN,
      }),
    );
    expect(error.data.code).toBe('FORBIDDEN');
  });

  it("cannot see another person's applications (RLS)", async () => {
    const { token } = await ann.token('read');
    const board = data(await query<Board>('application.list', {}, { bearer: token }));
    expect(board.cards.map((card) => card.id)).not.toContain(bobApplication.id);
    const error = failure(
      await query('application.byId', { id: bobApplication.id }, { bearer: token }),
    );
    expect(error.data.code).toBe('NOT_FOUND');
  });
});

describe('a write token', () => {
  it('adds and moves an application with no cookie and no Origin', async () => {
    const { token } = await ann.token('write');
    const created = data(
      await mutate<Application>(
        'application.create',
        { ...newApplication, companyName: 'Hooli' },
        { bearer: token },
      ),
    );
    expect(created.companyName).toBe('Hooli');
    const moved = data(
      await mutate<Application>(
        'application.move',
        { id: created.id, stage: 'applied' },
        { bearer: token },
      ),
    );
    expect(moved.stage).toBe('applied');
    const board = data(await ann.query<Board>('application.list', {}));
    expect(board.cards.map((card) => card.id)).toContain(created.id);
  });

  it('never reaches token, account, session, sharing or admin procedures', async () => {
    const { token } = await ann.token('write');
    const calls: Array<['GET' | 'POST', string, unknown]> = [
      ['GET', 'token.list', undefined],
      ['POST', 'token.create', { name: 'more', scope: 'write' }],
      ['POST', 'token.revoke', { id: randomUUID() }],
      ['GET', 'account.me', undefined],
      ['POST', 'account.setEmailDigest', { enabled: false }],
      ['GET', 'auth.me', undefined],
      ['GET', 'auth.sessions', undefined],
      ['POST', 'auth.logout', undefined],
      ['POST', 'auth.changePassword', { currentPassword: PASSWORD, newPassword: 'x'.repeat(20) }],
      ['GET', 'sharing.list', undefined],
      ['POST', 'sharing.invite', { email: 'x@example.com', role: 'viewer' }],
      ['GET', 'admin.accounts', undefined],
      ['POST', 'application.delete', { id: annApplication.id }],
    ];
    for (const [method, path, input] of calls) {
      const error = failure(await send(method, path, input, { bearer: token }));
      expect([path, error.status, error.data.code]).toEqual([path, 403, 'FORBIDDEN']);
      expect(error.message).toMatch(/cannot be called with a token/);
    }
    // Nothing was done on the way.
    const still = data(
      await ann.query<{ id: string }>('application.byId', { id: annApplication.id }),
    );
    expect(still.id).toBe(annApplication.id);
  });
});

describe('refused tokens', () => {
  it('an unknown, malformed or revoked token is UNAUTHORIZED', async () => {
    const unknown = `pst_${'A'.repeat(43)}`;
    expect(failure(await query('application.list', {}, { bearer: unknown })).status).toBe(401);
    expect(failure(await query('application.list', {}, { bearer: 'not-a-token' })).status).toBe(
      401,
    );

    const raw = await fetch(`http://${base}/trpc/application.list`, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as { error: { message: string } }).error.message).toMatch(/Bearer/);

    const created = await ann.token('read');
    data(await query('application.list', {}, { bearer: created.token }));
    data(await ann.mutate('token.revoke', { id: created.summary.id }));
    const error = failure(await query('application.list', {}, { bearer: created.token }));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/unknown, revoked or expired/);
  });

  it('an expired token is UNAUTHORIZED', async () => {
    const created = await ann.token('read', { expiresAt: new Date(Date.now() + 60_000) });
    data(await query('application.list', {}, { bearer: created.token }));
    await t.owner
      .sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${created.summary.id}`;
    expect(failure(await query('application.list', {}, { bearer: created.token })).status).toBe(
      401,
    );
  });

  it("a disabled account's token is UNAUTHORIZED", async () => {
    const carol = await Person.signUp('Carol');
    const { token } = await carol.token('read');
    data(await query('application.list', {}, { bearer: token }));
    await t.owner.sql`update users set disabled_at = now() where id = ${carol.id}`;
    expect(failure(await query('application.list', {}, { bearer: token })).status).toBe(401);
  });

  it('a public procedure refuses a bad token too', async () => {
    const error = failure(
      await query('auth.config', undefined, { bearer: `pst_${'B'.repeat(43)}` }),
    );
    expect(error.status).toBe(401);
  });
});

describe('last used', () => {
  it('is set on use, and written at most once a minute', async () => {
    const created = await ann.token('read');
    data(await query('application.list', {}, { bearer: created.token }));
    const first = data(await ann.query<TokenList>('token.list', undefined)).find(
      (token) => token.id === created.summary.id,
    )!;
    expect(first.lastUsedAt).toBeInstanceOf(Date);
    data(await query('application.list', {}, { bearer: created.token }));
    const [again] = await t.owner.sql<{ last_used_at: Date }[]>`
      select last_used_at from api_tokens where id = ${created.summary.id}`;
    expect(new Date(again!.last_used_at).getTime()).toBe(first.lastUsedAt!.getTime());
    // A minute later it moves on.
    await t.owner
      .sql`update api_tokens set last_used_at = now() - interval '2 minutes' where id = ${created.summary.id}`;
    data(await query('application.list', {}, { bearer: created.token }));
    const [later] = await t.owner.sql<{ last_used_at: Date }[]>`
      select last_used_at from api_tokens where id = ${created.summary.id}`;
    expect(Date.now() - new Date(later!.last_used_at).getTime()).toBeLessThan(30_000);
  });
});

describe('the browser rules stay', () => {
  it('a cookie mutation without Origin is still refused', async () => {
    const reply = await fetch(`http://${base}/trpc/application.create`, {
      method: 'POST',
      headers: { cookie: ann.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(superjson.serialize(newApplication)),
    });
    expect(reply.status).toBe(403);
  });

  it('the WebSocket refuses a bearer token with a 401 that says why', async () => {
    const { token } = await ann.token('write');
    const ws = new WebSocket(`ws://${base}/trpc`, {
      headers: { authorization: `Bearer ${token}`, origin: ORIGIN },
    });
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      ws.once('open', () => reject(new Error('the socket opened')));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('error', () => undefined);
    });
    ws.terminate();
    expect(refused.status).toBe(401);
    expect(refused.body).toMatch(/HTTP only/);
  });
});

describe('throttle', () => {
  it('a token past its burst gets 429 with Retry-After; another token is unaffected', async () => {
    const tight = createPursuitServer({
      app: t.app,
      owner: t.owner,
      origin: ORIGIN,
      documents: noDocumentServices,
      tokenRate: { burst: 3, perSecond: 0.1 },
    });
    const at = await listen(tight);
    try {
      const busy = await ann.token('read');
      const other = await ann.token('read');
      for (let i = 0; i < 3; i++)
        data(await query('application.list', {}, { bearer: busy.token, at }));
      const response = await fetch(`http://${at}/trpc/application.list`, {
        headers: { authorization: `Bearer ${busy.token}` },
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(body.error.message).toMatch(/Try again in \d+ seconds?/);
      data(await query('application.list', {}, { bearer: other.token, at }));
      // A batch counts each of its calls.
      const batch = await fetch(
        `http://${at}/trpc/application.list,application.list,application.list,application.list?batch=1&input=${encodeURIComponent('{}')}`,
        { headers: { authorization: `Bearer ${other.token}` } },
      );
      expect(batch.status).toBe(429);
    } finally {
      await tight.close();
    }
  });
});

describe('the REST routes and /api/openapi.json', () => {
  async function rest(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`http://${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    return { status: response.status, json };
  }

  it('the document is OpenAPI 3 and lists the routes with bearer security', async () => {
    const response = await fetch(`http://${base}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<string, Record<string, { operationId: string; security: unknown[] }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers[0]!.url).toBe(`${ORIGIN}/api/v1`);
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/applications', '/applications/{id}', '/applications/{id}/move'].sort(),
    );
    expect(Object.keys(doc.paths['/applications']!).sort()).toEqual(['get', 'post']);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('a read token lists the board as plain JSON; a write is refused', async () => {
    const { token } = await ann.token('read');
    const board = await rest('GET', '/applications', token);
    expect(board.status).toBe(200);
    const cards = board.json.cards as Array<{ id: string; createdAt: string }>;
    expect(cards.map((card) => card.id)).toContain(annApplication.id);
    expect(typeof cards[0]!.createdAt).toBe('string');
    const detail = await rest('GET', `/applications/${annApplication.id}`, token);
    expect(detail.status).toBe(200);
    expect(detail.json.id).toBe(annApplication.id);
    const refused = await rest('POST', '/applications', token, newApplication);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toMatch(/can only read/);
  });

  it('a write token adds and moves an application', async () => {
    const { token } = await ann.token('write');
    const created = await rest('POST', '/applications', token, {
      ...newApplication,
      companyName: 'Umbrella',
    });
    expect(created.status).toBe(200);
    expect(created.json.companyName).toBe('Umbrella');
    const moved = await rest('POST', `/applications/${String(created.json.id)}/move`, token, {
      stage: 'applied',
    });
    expect(moved.status).toBe(200);
    expect(moved.json.stage).toBe('applied');
    const bad = await rest('POST', '/applications', token, { companyName: '' });
    expect(bad.status).toBe(400);
  });

  it('needs a token: a cookie alone is 401', async () => {
    const response = await fetch(`http://${base}/api/v1/applications`, {
      headers: { cookie: ann.cookie, origin: ORIGIN },
    });
    expect(response.status).toBe(401);
  });
});
