// Shared pieces of the fault tests (issue 10): a Postgres cluster the test owns
// (so it can stop and start it without disturbing other test files), a live
// client that reconnects and resumes from its last event id as the web app's
// wsLink does, writers that record which writes the server acknowledged, and
// the check that every change in change_log reached each client or was
// covered by a resync.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEventId, type Database } from '@pursuit/db';
import {
  freePort,
  startEmbeddedCluster,
  startEmbeddedDatabase,
  type EmbeddedCluster,
} from '@pursuit/db/embedded';
import superjson from 'superjson';
import WebSocket from 'ws';
import { call, createApplication, ORIGIN, type ChangeEvent } from '../live/harness';

export interface OwnPostgres {
  ownerUrl: string;
  appUrl: string;
  /** Stops Postgres (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it if running and deletes its data. */
  destroy(): Promise<void>;
}

/** A migrated Postgres of this test's own, in a temporary directory on a free port. */
export async function ownPostgres(): Promise<OwnPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pursuit-fault-'));
  const port = await freePort();
  const first = await startEmbeddedDatabase({ dataDir, port });
  let cluster: EmbeddedCluster | null = first.cluster;
  return {
    ownerUrl: first.ownerUrl,
    appUrl: first.appUrl,
    async stop() {
      await cluster?.stop();
      cluster = null;
    },
    async start() {
      cluster = await startEmbeddedCluster({ dataDir, port });
    },
    async destroy() {
      await cluster?.stop().catch(() => undefined);
      cluster = null;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser tab's live view: subscribes to sync.changes and, whenever the
 * socket closes or the subscription errors, opens a new one resuming from the
 * last event id it received (what tRPC's wsLink does with tracked events).
 */
export class ResumingClient {
  readonly events: ChangeEvent[] = [];
  /** Received after each (re)subscription: how many sockets this client opened. */
  connections = 0;
  private socket: WebSocket | null = null;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly wsUrl: () => string,
    private readonly cookie: string,
  ) {}

  get lastEventId(): string | null {
    return this.events.at(-1)?.eventId ?? null;
  }

  /** Opens the first socket and subscribes with `lastEventId` (null: live from now). */
  async start(lastEventId: string | null = null): Promise<void> {
    await this.connect(lastEventId);
  }

  private async connect(lastEventId: string | null): Promise<void> {
    const socket = new WebSocket(this.wsUrl(), {
      headers: { cookie: this.cookie },
      origin: ORIGIN,
    });
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text === 'PING') return socket.send('PONG');
      this.onFrame(text);
      for (const wake of this.waiters) wake();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.closed || this.socket !== socket) return;
      this.reconnectSoon();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    });
    this.connections += 1;
    socket.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'sync.changes', input: superjson.serialize({ lastEventId }) },
      }),
    );
  }

  private reconnectSoon(): void {
    this.socket = null;
    setTimeout(() => {
      if (this.closed) return;
      this.connect(this.lastEventId).catch(() => this.reconnectSoon());
    }, 100);
  }

  private onFrame(text: string): void {
    const message = JSON.parse(text) as {
      result?: { type: string; data?: unknown };
      error?: unknown;
    };
    if (message.error) {
      // The subscription failed: resubscribe on a new socket, as wsLink retries.
      this.socket?.close();
      return;
    }
    if (message.result?.type !== 'data') return;
    const tracked = superjson.deserialize<{ id: string; data: Omit<ChangeEvent, 'eventId'> }>(
      message.result.data as Parameters<typeof superjson.deserialize>[0],
    );
    this.events.push({ eventId: tracked.id, ...tracked.data });
  }

  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 50));
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}

/** A user writing applications one after another; remembers what was acknowledged. */
export class Writer {
  /** Application ids the server returned, with when the call started. */
  readonly acknowledged: { id: string; startedAt: number }[] = [];
  failed = 0;
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly base: () => string,
    private readonly cookie: string,
    private readonly label: string,
  ) {}

  start(pauseMs = 40): void {
    this.running = true;
    this.loop = (async () => {
      for (let n = 0; this.running; n += 1) {
        const startedAt = Date.now();
        try {
          const { id } = await createApplication(this.base(), this.cookie, `${this.label} ${n}`);
          this.acknowledged.push({ id, startedAt });
        } catch {
          // Not acknowledged (Postgres is down): it may or may not have committed.
          this.failed += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

export interface Coverage {
  /** Changes of the user after the client's start, in change_log. */
  changes: number;
  received: number;
  resyncs: number;
  /** Change event ids neither received nor covered by a later resync. */
  missed: string[];
}

/**
 * Compares what a client received with the user's change_log after `after`:
 * each change must have arrived as its own event, or lie at or before a resync
 * the client received (a resync at P means "reload: you have everything to P").
 */
export async function coverage(
  owner: Database,
  userId: string,
  after: string,
  client: ResumingClient,
): Promise<Coverage> {
  const rows = await owner.sql<{ xid: string; id: string }[]>`
    select c.xid::text, c.id::text from pursuit_internal.change_log c
     where c.user_id = ${userId} order by c.xid, c.id`;
  const ids = rows
    .map((r) => encodeEventId({ xid: BigInt(r.xid), id: BigInt(r.id) }))
    .filter((id) => id > after);
  const received = new Set(client.events.filter((e) => e.op !== 'resync').map((e) => e.eventId));
  const newestResync = client.events
    .filter((e) => e.op === 'resync')
    .reduce((max, e) => (e.eventId > max ? e.eventId : max), '');
  const missed = ids.filter((id) => !received.has(id) && id > newestResync);
  return {
    changes: ids.length,
    received: received.size,
    resyncs: client.events.filter((e) => e.op === 'resync').length,
    missed,
  };
}

/** Ids of the given applications that are in the database. */
export async function applicationsFound(owner: Database, ids: string[]): Promise<Set<string>> {
  const rows = await owner.sql<{ id: string }[]>`
    select id from applications where id = any(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.id));
}

/** Signs a person up over HTTP (with retries: used right after a restart, too). */
export async function signUpPerson(
  base: string,
  name: string,
): Promise<{ cookie: string; id: string }> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const { data, setCookie } = await call<{ id: string }>(base, 'auth.register', {
    email,
    password: 'correct horse battery',
    name,
  });
  return { cookie: setCookie!.split(';')[0]!, id: data.id };
}
