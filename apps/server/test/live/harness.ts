// Shared pieces of the live-sync tests: a real server on a real port, HTTP
// calls in tRPC's wire format, and a raw WebSocket subscriber that keeps every
// frame it receives so tests can assert on the bytes, not only decoded events.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { noDocumentServices } from '@pursuit/api/server';
import { currentLivePosition, encodeEventId, type Database } from '@pursuit/db';
import superjson from 'superjson';
import WebSocket from 'ws';
import { createPursuitServer, type PursuitServer, type PursuitServerOptions } from '../../src/http';

export const ORIGIN = 'http://pursuit.test';

export interface Running {
  pursuit: PursuitServer;
  base: string;
  wsUrl: string;
}

export async function startServer(
  app: Database,
  owner: Database,
  extra: Partial<Omit<PursuitServerOptions, 'app' | 'owner' | 'origin'>> = {},
): Promise<Running> {
  const pursuit = createPursuitServer({
    app,
    owner,
    origin: ORIGIN,
    documents: noDocumentServices,
    ...extra,
  });
  await pursuit.ready;
  pursuit.server.listen(0, '127.0.0.1');
  await once(pursuit.server, 'listening');
  const { port } = pursuit.server.address() as AddressInfo;
  return { pursuit, base: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/trpc` };
}

export class TrpcError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

export async function call<T = unknown>(
  base: string,
  path: string,
  input: unknown,
  cookie?: string,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<{ data: T; setCookie: string | null }> {
  const headers: Record<string, string> = { origin: ORIGIN, 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const serialized = superjson.serialize(input);
  const response =
    kind === 'query'
      ? await fetch(
          `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(serialized))}`,
          {
            headers,
          },
        )
      : await fetch(`${base}/trpc/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(serialized),
        });
  const body = (await response.json()) as {
    result?: { data: { json: unknown; meta?: unknown } };
  };
  if (!response.ok || !body.result) throw new TrpcError(response.status, body);
  return {
    data: superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]),
    setCookie: response.headers.get('set-cookie'),
  };
}

let counter = 0;

export async function signUp(
  base: string,
  name = 'Person',
): Promise<{ cookie: string; id: string }> {
  counter += 1;
  const email = `${name.toLowerCase()}-${Date.now()}-${counter}@example.com`;
  const { data, setCookie } = await call<{ id: string }>(base, 'auth.register', {
    email,
    password: 'correct horse battery',
    name,
  });
  return { cookie: setCookie!.split(';')[0]!, id: data.id };
}

export const JOB_DESCRIPTION =
  'We are looking for an engineer to build real-time collaborative features with TypeScript and Postgres.';

export async function createApplication(
  base: string,
  cookie: string,
  companyName = 'Acme',
): Promise<{ id: string; version: number }> {
  const { data } = await call<{ id: string; version: number }>(
    base,
    'application.create',
    { companyName, roleTitle: 'Engineer', jobDescription: JOB_DESCRIPTION },
    cookie,
  );
  return data;
}

export interface ChangeEvent {
  eventId: string;
  table: string;
  op: string;
  id: string | null;
  row: Record<string, unknown> | null;
}

/** An error frame of one subscription, decoded. */
export interface SubscriptionError {
  message: string;
  data?: { code?: string };
}

/** A tRPC WebSocket client at the protocol level, keeping raw frames. */
export class RawSubscriber {
  readonly frames: string[] = [];
  /** sync.changes events (subscription id 1). */
  readonly events: ChangeEvent[] = [];
  /** Data of the other subscriptions (subscribeTo), by subscription id, decoded. */
  readonly results = new Map<number, unknown[]>();
  /** Errors that ended a subscription, by id. */
  readonly errors = new Map<number, SubscriptionError>();
  /** Subscriptions the server said were stopped, by id. */
  readonly stopped = new Set<number>();
  closeCode: number | undefined;
  private readonly socket: WebSocket;
  private readonly waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      this.frames.push(text);
      if (text === 'PING') socket.send('PONG');
      else this.onFrame(text);
      for (const wake of this.waiters) wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters) wake();
    });
  }

  static async open(wsUrl: string, cookie: string, origin = ORIGIN): Promise<RawSubscriber> {
    const socket = new WebSocket(wsUrl, { headers: { cookie }, origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
    return new RawSubscriber(socket);
  }

  subscribe(lastEventId?: string | null): void {
    this.socket.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'sync.changes', input: superjson.serialize({ lastEventId }) },
      }),
    );
  }

  /** Opens another subscription (presence.watch, …) as id `id` (not 1: that is sync.changes). */
  subscribeTo(id: number, path: string, input: unknown): void {
    this.socket.send(
      JSON.stringify({
        id,
        method: 'subscription',
        params: { path, input: superjson.serialize(input) },
      }),
    );
  }

  /** Stops subscription `id` from the client side, as wsLink does on unsubscribe. */
  stop(id: number): void {
    this.socket.send(JSON.stringify({ id, method: 'subscription.stop' }));
  }

  private onFrame(text: string) {
    const message = JSON.parse(text) as {
      id?: number;
      result?: { type: string; id?: string; data?: unknown };
      error?: Parameters<typeof superjson.deserialize>[0];
    };
    if (message.id !== undefined && message.error) {
      this.errors.set(message.id, superjson.deserialize<SubscriptionError>(message.error));
      return;
    }
    if (message.id !== undefined && message.id !== 1) {
      if (message.result?.type === 'stopped') {
        this.stopped.add(message.id);
      } else if (message.result?.type === 'data') {
        let list = this.results.get(message.id);
        if (!list) this.results.set(message.id, (list = []));
        list.push(
          superjson.deserialize(message.result.data as Parameters<typeof superjson.deserialize>[0]),
        );
      }
      return;
    }
    if (message.result?.type !== 'data') return;
    // tracked(id, data) travels as { id, data }, serialized whole by superjson.
    const tracked = superjson.deserialize<{ id: string; data: Omit<ChangeEvent, 'eventId'> }>(
      message.result.data as Parameters<typeof superjson.deserialize>[0],
    );
    this.events.push({ eventId: tracked.id, ...tracked.data });
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 100));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      }).finally(() => this.waiters.clear());
    }
  }

  async waitForClose(timeoutMs = 2000): Promise<number> {
    await this.waitFor(() => this.closeCode !== undefined, timeoutMs, 'the socket to close');
    return this.closeCode!;
  }

  close(): void {
    this.socket.close();
  }
}

/** Resolves with the HTTP status of a refused upgrade, or 101 if it opened. */
export async function upgradeStatus(
  wsUrl: string,
  headers: Record<string, string>,
  origin?: string,
) {
  const socket = new WebSocket(wsUrl, { headers, ...(origin ? { origin } : {}) });
  return new Promise<number>((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

/**
 * Resolves once the server's hub holds `count` live subscriptions of `userId`.
 * A subscription sent over the socket is registered asynchronously; a change
 * committed before that is not this client's to receive (it did not resume).
 */
export async function subscribed(
  running: Running,
  userId: string,
  count: number,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (running.pursuit.live.subscriptionsOf(userId) !== count) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} subscription(s)`);
    }
    await sleep(5);
  }
}

/**
 * Resolves once the hub has read every change committed so far, so none of
 * them reaches a subscription opened next (it would arrive as a live event).
 */
export async function caughtUp(running: Running, owner: Database, timeoutMs = 3000) {
  const target = encodeEventId(await currentLivePosition(owner));
  const deadline = Date.now() + timeoutMs;
  while (running.pursuit.live.cursor() < target) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for the hub to read ${target}`);
    }
    await sleep(5);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `applicationId` and `count - 1` copies of it, inserted as the owner role:
 * rows of their own for tests that count events (the feed coalesces changes
 * to one row into one event, issue 15).
 */
export async function withCopies(
  owner: Database,
  applicationId: string,
  count: number,
): Promise<string[]> {
  const more = await owner.sql<{ id: string }[]>`
    insert into applications (user_id, company_id, company_name, role_title, job_description, position)
    select a.user_id, a.company_id, a.company_name, a.role_title, a.job_description, 'a' || g
      from applications a, generate_series(1, ${count - 1}) g
     where a.id = ${applicationId}
    returning id`;
  return [applicationId, ...more.map((row) => row.id)];
}
