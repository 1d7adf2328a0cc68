// CAPTURE_ALLOW_HOSTS from the environment reaches capture.fromUrl over HTTP
// (issue 14): a page on the allowed 127.0.0.1:port is read, the same page is
// refused by a server that allows nothing, and the refusal is a 400 with its
// sentence.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { noDocumentServices } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { createPursuitServer, type PursuitServer } from '../src/http';

const ORIGIN = 'http://pursuit.test';
const PAGE = `<html><head><script type="application/ld+json">${JSON.stringify({
  '@type': 'JobPosting',
  title: 'Site Reliability Engineer',
  hiringOrganization: { name: 'Umbrella' },
  description: '<p>Keep the lights on across three regions, with Postgres and Kubernetes.</p>',
})}</script></head><body></body></html>`;

let t: TestDatabase;
let jobs: Server;
let jobsHost: string;
const servers: PursuitServer[] = [];

async function start(env: Record<string, string>): Promise<string> {
  const pursuit = createPursuitServer({
    app: t.app,
    owner: t.owner,
    origin: ORIGIN,
    captureAllowHosts: readEnv(env).captureAllowHosts,
    documents: noDocumentServices,
  });
  servers.push(pursuit);
  await pursuit.ready;
  pursuit.server.listen(0, '127.0.0.1');
  await once(pursuit.server, 'listening');
  return `http://127.0.0.1:${(pursuit.server.address() as AddressInfo).port}`;
}

async function call(base: string, path: string, input: unknown, cookie?: string) {
  const response = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const body = (await response.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: Parameters<typeof superjson.deserialize>[0];
  };
  return {
    status: response.status,
    data: body.result
      ? superjson.deserialize<Record<string, unknown>>(body.result.data)
      : undefined,
    error: body.error ? superjson.deserialize<{ message: string }>(body.error) : undefined,
    cookie: response.headers
      .getSetCookie()
      .find((c) => c.startsWith('pursuit_session='))
      ?.split(';')[0],
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  jobs.listen(0, '127.0.0.1');
  await once(jobs, 'listening');
  jobsHost = `127.0.0.1:${(jobs.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const pursuit of servers) await pursuit.close();
  jobs?.closeAllConnections();
  jobs?.close();
  await t?.close();
});

describe('CAPTURE_ALLOW_HOSTS', () => {
  it('reads a comma-separated list, empty by default', () => {
    expect(readEnv({}).captureAllowHosts).toEqual([]);
    expect(
      readEnv({ CAPTURE_ALLOW_HOSTS: 'jobs.intranet, 127.0.0.1:4100' }).captureAllowHosts,
    ).toEqual(['jobs.intranet', '127.0.0.1:4100']);
  });

  it('lets capture.fromUrl read a page on an allowed host, and only there', async () => {
    const allowing = await start({ CAPTURE_ALLOW_HOSTS: jobsHost });
    const signUp = await call(allowing, 'auth.register', {
      email: `capture-${Date.now()}@example.com`,
      password: 'correct horse battery staple',
      name: 'Cap',
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.cookie!;

    const read = await call(allowing, 'capture.fromUrl', { url: `http://${jobsHost}/job` }, cookie);
    expect(read.status).toBe(200);
    expect((read.data!.fields as Record<string, unknown>).companyName).toBe('Umbrella');

    const strict = await start({});
    const refused = await call(
      strict,
      'capture.fromUrl',
      { url: `http://${jobsHost}/job` },
      cookie,
    );
    expect(refused.status).toBe(400);
    expect(refused.error!.message).toMatch(
      /^Pursuit does not fetch pages from private or special networks: 127\.0\.0\.1 is a loopback address/,
    );
  });
});
