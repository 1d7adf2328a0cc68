// Shared test set-up: a test database with signed-up people, each with a
// caller that goes through the real router (createCaller + createContextInner),
// and the error shape a client would receive for a failed call.
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  appRouter,
  createCallerFactory,
  createContextInner,
  noDocumentServices,
  noLiveFeed,
  type DocumentServices,
  type RequestMeta,
  type SessionCookieWriter,
} from '../../src/server';

export const PASSWORD = 'correct horse battery staple';

const createCaller = createCallerFactory(appRouter);

export type Caller = ReturnType<typeof createCaller>;

/** Records what a procedure did to the session cookie, as a browser would. */
export class CookieJar implements SessionCookieWriter {
  token: string | null = null;
  expiresAt: Date | null = null;
  cleared = false;
  set(token: string, expiresAt: Date) {
    this.token = token;
    this.expiresAt = expiresAt;
    this.cleared = false;
  }
  clear() {
    this.token = null;
    this.expiresAt = null;
    this.cleared = true;
  }
}

/** Router tests run no live feed and no job queue: the explicit null implementations. */
export const NOTHING_RUNS = { feed: noLiveFeed, documents: noDocumentServices } as const;

/** A caller as one request carrying `token` would be (fresh context: no cached session). */
/**
 * A caller as one unauthenticated-or-cookie request would be: a fresh context
 * and cookie jar each time, for tests of sign-in and sessions.
 */
export function cookieClient(
  t: TestDatabase,
  token: string | null = null,
  meta: Partial<RequestMeta> = {},
): { api: Caller; cookies: CookieJar } {
  const cookies = new CookieJar();
  const api = createCaller(
    createContextInner({
      ...NOTHING_RUNS,
      db: t.app,
      sessionToken: token,
      meta: { userAgent: 'vitest', ...meta },
      cookies,
    }),
  );
  return { api, cookies };
}

export function callerFor(
  t: TestDatabase,
  token: string | null,
  documents: DocumentServices = noDocumentServices,
): Caller {
  return createCaller(() =>
    createContextInner({
      ...NOTHING_RUNS,
      documents,
      db: t.app,
      sessionToken: token,
      meta: { userAgent: 'vitest' },
    }),
  );
}

export interface Person {
  id: string;
  email: string;
  token: string;
  api: Caller;
}

export async function signUp(t: TestDatabase, label = 'person'): Promise<Person> {
  const email = `${label}-${randomUUID()}@example.com`;
  const cookies = new CookieJar();
  const api = createCaller(
    createContextInner({ ...NOTHING_RUNS, db: t.app, sessionToken: null, cookies }),
  );
  const user = await api.auth.register({ email, password: PASSWORD, name: label });
  const token = cookies.token!;
  return { id: user.id, email, token, api: callerFor(t, token) };
}

/** Signs in as another device would; returns that session's token. */
export async function signIn(t: TestDatabase, email: string, password = PASSWORD): Promise<string> {
  const cookies = new CookieJar();
  const api = createCaller(
    createContextInner({ ...NOTHING_RUNS, db: t.app, sessionToken: null, cookies }),
  );
  await api.auth.login({ email, password });
  return cookies.token!;
}

export interface Failure {
  code: TRPCError['code'];
  message: string;
  fieldErrors: Record<string, string[]> | null;
  /** The row as it is now, on a version CONFLICT. */
  current: unknown;
}

/** How `call` failed, as a client sees it (code, formatted message, field errors). */
export async function failureOf(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const shape = getErrorShape({
      config: appRouter._def._config,
      error,
      type: 'mutation',
      path: undefined,
      input: undefined,
      ctx: undefined,
    });
    return {
      code: error.code,
      message: shape.message,
      fieldErrors: shape.data.fieldErrors,
      current: shape.data.current,
    };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const RESUME_TEXT = `# Ada Lovelace\n\n## Experience\n\n${'- Wrote the first published algorithm for a general-purpose machine.\n'.repeat(3)}`;

export type TestWorld<L extends string> = { t: TestDatabase } & Record<L, Person>;

/**
 * A fresh database for this test file and a person signed up for each label,
 * ready once beforeAll has run (and closed in afterAll).
 */
export function setUp<L extends string>(...labels: L[]): TestWorld<L> {
  const world = {} as TestWorld<L>;
  beforeAll(async () => {
    const t = await createTestDatabase();
    Object.assign(world, { t });
    for (const label of labels) Object.assign(world, { [label]: await signUp(t, label) });
  });
  afterAll(async () => {
    await world.t?.close();
  });
  return world;
}
