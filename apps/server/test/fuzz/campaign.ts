// The input fuzz of issue 10, shared by `pnpm test` (a few hundred inputs per
// procedure, apps/server/test/fuzz/procedures.test.ts) and `pnpm bench:fuzz`
// (10,000, bench/fuzz.ts): every query and mutation of appRouter, inputs
// derived from its zod schema and mutated (arbitraries.ts), sent over real
// HTTP to a running server as a signed-in user with data, statuses counted.
// The property: no input gets a 5xx. Destructive procedures (sign-out,
// revocation, password change, account deletion) get a fresh throwaway
// account and session for every input, so they cannot end the main session.
import { randomUUID } from 'node:crypto';
import {
  appRouter,
  generateSessionToken,
  SESSION_COOKIE,
  sessionIdFromToken,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import fc from 'fast-check';
import superjson from 'superjson';
import { describeWire, wireFor, type FuzzWorld, type JsonSchema, type Wire } from './arbitraries';

export { wireFor, type FuzzWorld, type JsonSchema, type Wire } from './arbitraries';

const PASSWORD = 'correct horse battery staple';
const JOB_DESCRIPTION =
  'We are looking for an engineer to build real-time collaborative features with TypeScript and Postgres.';
const RESUME = `# Resume\n\n${'Built the systems a team depends on, and kept them running. '.repeat(3)}`;

/** Procedures that end a session or an account: each input gets its own throwaway one. */
const DESTRUCTIVE = new Set([
  'auth.logout',
  'auth.revokeSession',
  'auth.changePassword',
  'auth.deleteAccount',
]);

export interface FuzzTarget {
  path: string;
  type: 'query' | 'mutation';
  /** The input's JSON Schema (zod 4 `toJSONSchema`, input side); null when it takes none. */
  schema: JsonSchema | null;
  destructive: boolean;
}

interface ProcedureDef {
  _def: {
    type: 'query' | 'mutation' | 'subscription';
    inputs: { toJSONSchema(params: object): unknown }[];
  };
}

/** Every procedure of appRouter that HTTP serves, and the ones it does not (with why). */
export function fuzzTargets(): {
  targets: FuzzTarget[];
  skipped: { path: string; reason: string }[];
} {
  const targets: FuzzTarget[] = [];
  const skipped: { path: string; reason: string }[] = [];
  // The flat path → procedure map tRPC keeps; its public type is the nested router.
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  for (const [path, procedure] of Object.entries(procedures)) {
    const { type, inputs } = procedure._def;
    if (type === 'subscription') {
      skipped.push({ path, reason: 'a subscription: served over the WebSocket only, not HTTP' });
      continue;
    }
    const [input] = inputs;
    const schema = input
      ? (input.toJSONSchema({ io: 'input', unrepresentable: 'any' }) as JsonSchema)
      : null;
    targets.push({ path, type, schema, destructive: DESTRUCTIVE.has(path) });
  }
  return { targets, skipped };
}

/**
 * An HTTP status, or what happened instead: `timeout` (no answer in 30 s) and
 * `network` (the connection failed) count as server failures; `closed` is
 * Node refusing a request line longer than its header limit (a GET input of
 * megabytes), which it answers by closing the connection.
 */
export type Status = number | 'timeout' | 'network' | 'closed';

/** Node's default --max-http-header-size. */
const HEADER_LIMIT = 16 * 1024;

interface Answer {
  status: Status;
  body: string;
}

/**
 * The body the app's client would send. superjson refuses some inputs on the
 * client side (a `__proto__` or `constructor` key, nesting past its stack);
 * those go as plain `{"json": …}`, which a hostile client can always send.
 */
function encode(wire: Wire): string {
  if (wire.kind === 'raw') return wire.body;
  try {
    return JSON.stringify(superjson.serialize(wire.input));
  } catch {
    return JSON.stringify({ json: wire.input }, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
  }
}

/**
 * `text` as a URL query value, as a browser would put it: a lone surrogate
 * becomes U+FFFD (URL encoding has no form for it). Past the header limit
 * Node refuses a URL whatever its length, so megabytes are cut at 4× it.
 */
function queryParameter(text: string): string {
  const cut = text.length > 4 * HEADER_LIMIT ? text.slice(0, 4 * HEADER_LIMIT) : text;
  const wellFormed = (cut as string & { toWellFormed(): string }).toWellFormed();
  return encodeURIComponent(wellFormed);
}

async function send(
  base: string,
  origin: string,
  target: FuzzTarget,
  wire: Wire,
  cookie: string,
): Promise<Answer> {
  const encoded = encode(wire);
  const headers: Record<string, string> = { origin, cookie };
  const url =
    target.type === 'query'
      ? `${base}/trpc/${target.path}?input=${queryParameter(encoded)}`
      : `${base}/trpc/${target.path}`;
  try {
    const response =
      target.type === 'query'
        ? await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })
        : await fetch(url, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: encoded,
            signal: AbortSignal.timeout(30_000),
          });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    const status =
      (error as Error).name === 'TimeoutError'
        ? 'timeout'
        : url.length > HEADER_LIMIT
          ? 'closed'
          : 'network';
    const cause = (error as Error).cause;
    return { status, body: `${String(error)} ${cause instanceof Error ? cause.message : ''}` };
  }
}

async function call<T>(
  base: string,
  origin: string,
  path: string,
  input: unknown,
  cookie?: string,
) {
  const response = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const body = (await response.json()) as { result?: { data: { json: T } } };
  if (!body.result) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return { data: body.result.data.json, setCookie: response.headers.get('set-cookie') };
}

/** A user and a signed-in session inserted as the owner, sharing `passwordHash`. */
async function insertAccount(owner: Database, passwordHash: string, label: string) {
  const id = randomUUID();
  const token = generateSessionToken();
  await owner.sql`insert into users (id, email, password_hash, display_name)
                  values (${id}, ${`${label}-${id}@example.com`}, ${passwordHash}, ${label})`;
  await owner.sql`insert into sessions (id, user_id, expires_at)
                  values (${sessionIdFromToken(token)}, ${id}, now() + interval '1 day')`;
  return { id, cookie: `${SESSION_COOKIE}=${token}` };
}

/** One of each record a procedure can name, made through the API as `cookie`. */
async function seedRecords(base: string, origin: string, cookie: string): Promise<string[]> {
  const make = async (path: string, input: unknown) =>
    (await call<{ id: string }>(base, origin, path, input, cookie)).data.id;
  const applicationId = await make('application.create', {
    companyName: 'Fuzz Co',
    roleTitle: 'Engineer',
    jobDescription: JOB_DESCRIPTION,
  });
  return [
    applicationId,
    await make('interview.create', { applicationId, scheduledAt: new Date() }),
    await make('contact.create', { applicationId, name: 'Grace' }),
    await make('resume.create', { name: 'Base', content: RESUME }),
    await make('experience.create', { company: 'Globex', title: 'Engineer' }),
    await make('education.create', { institution: 'Cambridge' }),
    await make('certification.create', { name: 'CKA' }),
    await make('project.create', { name: 'Tracer' }),
    await make('skill.create', { name: 'TypeScript' }),
  ];
}

export interface Seeded {
  world: FuzzWorld;
  cookie: string;
  passwordHash: string;
}

/** The fuzzing user (signed up over HTTP) and another user, each with one of every record. */
export async function seedWorld(base: string, origin: string, owner: Database): Promise<Seeded> {
  const email = `fuzz-${randomUUID()}@example.com`;
  const { data, setCookie } = await call<{ id: string }>(base, origin, 'auth.register', {
    email,
    password: PASSWORD,
    name: 'Fuzz',
  });
  const cookie = setCookie!.split(';')[0]!;
  const [row] = await owner.sql<{ password_hash: string }[]>`
    select password_hash from users where id = ${data.id}`;
  const passwordHash = row!.password_hash;
  const other = await insertAccount(owner, passwordHash, 'foreign');
  const ownIds = await seedRecords(base, origin, cookie);
  const foreignIds = await seedRecords(base, origin, other.cookie);
  return { world: { ownIds, foreignIds, password: PASSWORD }, cookie, passwordHash };
}

export interface ProcedureResult {
  path: string;
  sent: number;
  byStatus: Map<Status, number>;
  /** fast-check's report (seed, path, counterexample) when some input got a 5xx. */
  failure: string | null;
  /** The first 5xx seen: what was sent and what came back. */
  firstServerError: string | null;
}

export interface CampaignOptions {
  base: string;
  origin: string;
  owner: Database;
  /** Inputs per procedure. */
  runs: number;
  /** Procedures fuzzed at the same time. */
  concurrency?: number;
  seed?: number;
  onDone?: (result: ProcedureResult) => void;
}

const isServerError = (status: Status) =>
  typeof status === 'number' ? status >= 500 : status !== 'closed';

/** Fuzzes one procedure: `runs` inputs, each must get a status below 500. */
async function fuzzProcedure(
  target: FuzzTarget,
  seeded: Seeded,
  options: CampaignOptions,
): Promise<ProcedureResult> {
  const byStatus = new Map<Status, number>();
  let sent = 0;
  let firstServerError: string | null = null;
  const property = fc.asyncProperty(wireFor(target.schema, seeded.world), async (wire) => {
    const cookie = target.destructive
      ? (await insertAccount(options.owner, seeded.passwordHash, 'throwaway')).cookie
      : seeded.cookie;
    const { status, body } = await send(options.base, options.origin, target, wire, cookie);
    sent += 1;
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    if (isServerError(status) && firstServerError === null) {
      firstServerError = `${target.path} ${String(status)} for ${describeWire(wire)}: ${body.slice(0, 500)}`;
    }
    return !isServerError(status);
  });
  const details = await fc.check(property, {
    numRuns: options.runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const failure = details.failed
    ? `${target.path}: ${fc.defaultReportMessage(details) ?? 'failed'}`
    : null;
  return { path: target.path, sent, byStatus, failure, firstServerError };
}

/** Every target, `concurrency` at a time; results in the router's order. */
export async function runCampaign(
  targets: FuzzTarget[],
  seeded: Seeded,
  options: CampaignOptions,
): Promise<ProcedureResult[]> {
  const results: ProcedureResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next;
      next += 1;
      const result = await fuzzProcedure(targets[index]!, seeded, options);
      results[index] = result;
      options.onDone?.(result);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return results;
}

const COLUMNS: Status[] = [200, 400, 401, 403, 404, 409, 412, 413, 429];

/** The per-procedure table: inputs sent and responses by status, 5xx last. */
export function formatResults(results: ProcedureResult[]): string {
  const other = (r: ProcedureResult) =>
    [...r.byStatus]
      .filter(([s]) => !COLUMNS.includes(s) && !isServerError(s))
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
  const serverErrors = (r: ProcedureResult) =>
    [...r.byStatus].filter(([s]) => isServerError(s)).reduce((sum, [, n]) => sum + n, 0);
  const header = ['procedure', 'sent', ...COLUMNS.map(String), 'other', '5xx'];
  const rows = results.map((r) => [
    r.path,
    String(r.sent),
    ...COLUMNS.map((s) => String(r.byStatus.get(s) ?? 0)),
    other(r) || '-',
    String(serverErrors(r)),
  ]);
  const total = results.reduce((sum, r) => sum + r.sent, 0);
  const total5xx = results.reduce((sum, r) => sum + serverErrors(r), 0);
  rows.push(['**total**', String(total), ...COLUMNS.map(() => ''), '', String(total5xx)]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Whether the server still answers its health check after the run. */
export async function healthy(base: string): Promise<boolean> {
  const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
  return response.status === 200;
}
