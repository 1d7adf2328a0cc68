// capture.* through the router against the real database (issue 14): pages
// served by a local HTTP server that CAPTURE_ALLOW_HOSTS lets through, other
// loopback addresses refused, HTML and JSON Resume jobs read without saving,
// an application written out as a JSON Resume job, and a per-user throttle.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Validator } from 'jsonschema';
import jobSchema from '@jsonresume/schema/job-schema.json' with { type: 'json' };
import sampleJob from '@jsonresume/schema/sample.job.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appRouter,
  createCallerFactory,
  createContextInner,
  noDocumentServices,
  noLiveFeed,
} from '../../src/server';
import { failureOf, setUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/capture/${name}.html`, import.meta.url), 'utf8');

const world = setUp('ada', 'bob', 'eve');
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (['greenhouse', 'lever-graph', 'microdata', 'opengraph', 'plain'].includes(name)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixture(name));
    } else {
      res.writeHead(302, { location: 'http://localhost:1/' });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The caller as the server builds it with CAPTURE_ALLOW_HOSTS set to the fixture server. */
function allowing(person: Person) {
  return createCallerFactory(appRouter)(() =>
    createContextInner({
      feed: noLiveFeed,
      documents: noDocumentServices,
      db: world.t.app,
      sessionToken: person.token,
      captureAllowHosts: [new URL(origin).host],
    }),
  );
}

describe('capture.fromUrl', () => {
  it('reads a posting from an allowed host without saving it', async () => {
    const result = await allowing(world.ada).capture.fromUrl({ url: `${origin}/greenhouse` });
    expect(result.source).toBe('json-ld');
    expect(result.fields.companyName).toBe('Northwind Traders');
    expect(result.fields.salaryMax).toBe(105_000);
    expect(result.url).toBe(`${origin}/greenhouse`);
    const board = await world.ada.api.application.list();
    expect(board.cards).toHaveLength(0);
  });

  it('reads every fixture style', async () => {
    const api = allowing(world.ada);
    const sources = [];
    for (const name of ['lever-graph', 'microdata', 'opengraph', 'plain']) {
      sources.push((await api.capture.fromUrl({ url: `${origin}/${name}` })).source);
    }
    expect(sources).toEqual(['json-ld', 'microdata', 'opengraph', 'text']);
  });

  it('refuses loopback when the host is not allowed', async () => {
    const failure = await failureOf(world.bob.api.capture.fromUrl({ url: `${origin}/greenhouse` }));
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(
      /^Pursuit does not fetch pages from private or special networks/,
    );
  });

  it('refuses a redirect from the allowed host to another loopback address', async () => {
    const failure = await failureOf(
      allowing(world.bob).capture.fromUrl({ url: `${origin}/elsewhere` }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(/localhost is at .*loopback/);
  });

  it('refuses a file: URL', async () => {
    const failure = await failureOf(world.bob.api.capture.fromUrl({ url: 'file:///etc/passwd' }));
    expect(failure.message).toBe(
      'Pursuit only fetches http:// and https:// pages, not file: addresses.',
    );
  });

  it('throttles one person to 30 fetches in ten minutes', async () => {
    const api = world.eve.api;
    for (let i = 0; i < 30; i += 1) {
      expect((await failureOf(api.capture.fromUrl({ url: 'ftp://example.com/' }))).code).toBe(
        'BAD_REQUEST',
      );
    }
    const failure = await failureOf(api.capture.fromUrl({ url: 'ftp://example.com/' }));
    expect(failure.code).toBe('TOO_MANY_REQUESTS');
    expect(failure.message).toMatch(/^Too many pages fetched\. Try again in \d+ minutes?\.$/);
    // Another person's budget is their own; reading HTML is not throttled.
    expect((await failureOf(world.ada.api.capture.fromUrl({ url: 'ftp://x.example/' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await api.capture.fromHtml({ html: fixture('microdata') })).source).toBe('microdata');
  });

  it('needs a signed-in person', async () => {
    const anonymous = createCallerFactory(appRouter)(
      createContextInner({
        feed: noLiveFeed,
        documents: noDocumentServices,
        db: world.t.app,
        sessionToken: null,
      }),
    );
    expect((await failureOf(anonymous.capture.fromHtml({ html: '<p>x</p>' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});

describe('capture.fromHtml', () => {
  it('reads HTML the browser already has, resolving links against its URL', async () => {
    const result = await world.ada.api.capture.fromHtml({
      html: fixture('microdata'),
      url: 'https://fabrikam.example/careers?id=4',
    });
    expect(result.fields.jobUrl).toBe('https://fabrikam.example/careers/product-designer');
    expect(result.fieldSources.companyName).toBe('microdata');
  });

  it('reads pasted text as paragraphs', async () => {
    const result = await world.ada.api.capture.fromHtml({
      html: 'We need a baker for our Leeds shop.\n\nEarly mornings & flour, and cakes <3 every Friday.',
    });
    expect(result.fields.description).toBe(
      'We need a baker for our Leeds shop.\n\nEarly mornings & flour, and cakes <3 every Friday.',
    );
  });

  it('refuses more than 2 MB', async () => {
    const failure = await failureOf(
      world.ada.api.capture.fromHtml({ html: 'x'.repeat(2 * 1024 * 1024 + 1) }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(/larger than 2 MB/);
  });
});

describe('JSON Resume jobs', () => {
  it('reads the schema’s own sample job', async () => {
    const { fields, fieldSources, warnings } = await world.ada.api.capture.fromJsonResumeJob({
      job: sampleJob,
    });
    expect(fields).toMatchObject({
      companyName: 'Microsoft',
      roleTitle: 'Web Developer',
      employmentType: 'full_time',
      workArrangement: 'hybrid',
      location: 'Berlin, DE',
      salaryMin: 100_000,
      salaryMax: 100_000,
      salaryCurrency: null,
      jobUrl: 'http://example.com/jobs/web-developer',
    });
    expect(fields.description).toContain(
      'Responsibilities\n- Develop and maintain web applications',
    );
    expect(fields.description).toContain(
      'Skills\n- Web Development (Master): HTML, CSS, JavaScript, React, Node.js',
    );
    expect(fieldSources.companyName).toBe('json-resume');
    expect(warnings).toContain('The salary names no currency; choose one before saving.');
  });

  it('refuses what is not a JSON Resume job', async () => {
    const failure = await failureOf(
      world.ada.api.capture.fromJsonResumeJob({ job: { title: 5, remote: 'Sometimes' } }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(/^That is not a JSON Resume job: /);
    expect((await failureOf(world.ada.api.capture.fromJsonResumeJob({ job: [1] }))).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('writes an application out as a valid JSON Resume job, and reads it back', async () => {
    const created = await createApplication(world.ada, {
      companyName: 'Initech',
      roleTitle: 'TPS Analyst',
      location: 'Austin, TX',
      workArrangement: 'remote',
      employmentType: 'contract',
      salaryMin: 90_000,
      salaryMax: 110_000,
      salaryCurrency: 'USD',
      jobUrl: 'https://initech.example/jobs/tps',
    });
    const job = await world.ada.api.capture.exportJsonResumeJob({ id: created.id });
    expect(new Validator().validate(job, jobSchema).errors).toEqual([]);
    expect(job).toMatchObject({
      title: 'TPS Analyst',
      company: 'Initech',
      type: 'Contract',
      remote: 'Full',
      salary: '90000-110000 USD',
      location: { address: 'Austin, TX' },
      meta: { canonical: 'https://initech.example/jobs/tps' },
    });
    const back = await world.ada.api.capture.fromJsonResumeJob({ job });
    expect(back.fields).toMatchObject({
      companyName: 'Initech',
      workArrangement: 'remote',
      employmentType: 'contract',
      salaryMin: 90_000,
      salaryMax: 110_000,
      salaryCurrency: 'USD',
      location: 'Austin, TX',
    });
  });

  it('a person cannot export another person’s application', async () => {
    const created = await createApplication(world.ada, { companyName: 'Hidden Co' });
    const failure = await failureOf(world.bob.api.capture.exportJsonResumeJob({ id: created.id }));
    expect(failure.code).toBe('NOT_FOUND');
  });
});
