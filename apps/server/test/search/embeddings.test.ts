// Embeddings through the real job queue: the trigger queues a job when an
// application's text changes, the worker writes the vector of the configured
// model, and an OpenAI-compatible /v1/embeddings endpoint (a local server
// speaking the real protocol) replaces the built-in model when configured.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEmbed } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { startDocuments } from '../../src/documents';
import type { Env } from '../../src/env';
import type { Jobs } from '../../src/jobs';
import { call, sleep, signUp, startServer, type Running } from '../live/harness';

const DATA_A =
  'Senior Data Engineer: build batch and streaming pipelines in Python and SQL, orchestrate them with Airflow, process events with Spark and Kafka, model the warehouse with dbt.';
const DATA_B =
  'Data Engineer, analytics platform: write Airflow DAGs, transform data with dbt and SQL, build Spark jobs in Python, keep Kafka topics flowing into the warehouse.';
const CHEF =
  'Pastry chef for a hotel restaurant: laminated doughs, croissants, plated desserts and wedding cakes; manage stock and train two commis.';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

interface World {
  db: TestDatabase;
  running: Running;
  jobs: Jobs;
}

async function startWorld(embedding: Env['documents']['embedding']): Promise<World> {
  const db = await createTestDatabase();
  const started = await startDocuments(
    {
      retentionDays: 30,
      monthlyLimit: null,
      openai: null,
      embedding,
      builtinWordsPerSecond: 400,
      worker: true,
    },
    { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
    () => {},
  );
  const running = await startServer(db.app, db.owner, { documents: started.services });
  return { db, running, jobs: started.jobs };
}

async function stopWorld(world: World | undefined) {
  await world?.running.pursuit.close();
  await world?.jobs.stop();
  await world?.db.close();
}

async function create(world: World, cookie: string, roleTitle: string, jobDescription: string) {
  const { data } = await call<{ id: string; version: number }>(
    world.running.base,
    'application.create',
    { companyName: `Co ${roleTitle}`, roleTitle, jobDescription },
    cookie,
  );
  return data;
}

/** The stored vector of `applicationId` once its hash is `hash` (the worker polls each second). */
async function vectorOnce(world: World, applicationId: string, hash: string) {
  for (let i = 0; i < 150; i += 1) {
    const [row] = await world.db.owner.sql<{ model: string; dims: number; content_hash: string }[]>`
      select model, dims, content_hash from embeddings
       where application_id = ${applicationId} and document_id is null`;
    if (row?.content_hash === hash) return row;
    await sleep(100);
  }
  throw new Error(`no embedding with hash ${hash} for ${applicationId}`);
}

describe('the embedding job, built-in model', () => {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(null);
  });
  afterAll(() => stopWorld(world));

  it('embeds a new application, again when its description changes, and finds similar ones', async () => {
    const w = world!;
    const person = await signUp(w.running.base, 'Embed');
    const a = await create(w, person.cookie, 'Senior Data Engineer', DATA_A);
    const b = await create(w, person.cookie, 'Data Engineer', DATA_B);
    const c = await create(w, person.cookie, 'Pastry Chef', CHEF);
    const first = await vectorOnce(w, a.id, md5(`Senior Data Engineer\n${DATA_A}`));
    expect(first).toMatchObject({ model: 'pursuit-hash-v1', dims: 512 });
    await vectorOnce(w, b.id, md5(`Data Engineer\n${DATA_B}`));
    await vectorOnce(w, c.id, md5(`Pastry Chef\n${CHEF}`));

    const { data } = await call<{ model: string; matches: { id: string; stage: string }[] }>(
      w.running.base,
      'application.similarByMeaning',
      { id: a.id },
      person.cookie,
      'query',
    );
    expect(data.model).toBe('pursuit-hash-v1');
    expect(data.matches[0]).toMatchObject({ id: b.id, stage: 'interested' });

    const changed = `${DATA_A} On-call rotation for the ingestion service.`;
    await call(
      w.running.base,
      'application.update',
      { id: a.id, version: a.version, jobDescription: changed },
      person.cookie,
    );
    await vectorOnce(w, a.id, md5(`Senior Data Engineer\n${changed}`));
  });
});

describe('the embedding job, OpenAI-compatible endpoint', () => {
  let world: World | undefined;
  let server: Server;
  const requests: { model: string; input: string[]; encoding_format?: string }[] = [];

  beforeAll(async () => {
    // Answers as /v1/embeddings does: a list of {object, index, embedding},
    // here the built-in vector cut to 64 numbers and not unit length, so the
    // test sees the job normalise what it stores.
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
          res.writeHead(404).end();
          return;
        }
        const body = JSON.parse(raw) as { model: string; input: string | string[] };
        const input = Array.isArray(body.input) ? body.input : [body.input];
        requests.push({ ...body, input });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            model: body.model,
            data: input.map((text, index) => ({
              object: 'embedding',
              index,
              embedding: hashEmbed(text, 64).map((x) => x * 3),
            })),
            usage: { prompt_tokens: 10, total_tokens: 10 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    world = await startWorld({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      apiKey: 'sk-test',
      model: 'test-embed-small',
    });
  });
  afterAll(async () => {
    await stopWorld(world);
    await new Promise((resolve) => server?.close(resolve));
  });

  it('stores the endpoint’s vectors under its model name, unit length', async () => {
    const w = world!;
    const person = await signUp(w.running.base, 'Remote');
    const a = await create(w, person.cookie, 'Data Engineer', DATA_B);
    const row = await vectorOnce(w, a.id, md5(`Data Engineer\n${DATA_B}`));
    expect(row).toMatchObject({ model: 'test-embed-small', dims: 64 });
    expect(requests.some((r) => r.model === 'test-embed-small')).toBe(true);
    expect(requests.flatMap((r) => r.input)).toContain(`Data Engineer\n${DATA_B}`);
    const [{ norm } = { norm: 0 }] = await w.db.owner.sql<{ norm: number }[]>`
      select sqrt(sum(x * x))::float8 as norm
        from embeddings, unnest(vector) x where application_id = ${a.id}`;
    expect(norm).toBeCloseTo(1, 4);
    // The meaning search embeds the query with the same endpoint and compares only its vectors.
    const { data } = await call<{ model: string; results: { applicationId: string }[] }>(
      w.running.base,
      'search.query',
      { q: 'airflow dbt warehouse', mode: 'meaning' },
      person.cookie,
      'query',
    );
    expect(data.model).toBe('test-embed-small');
    expect(data.results[0]?.applicationId).toBe(a.id);
  });
});
