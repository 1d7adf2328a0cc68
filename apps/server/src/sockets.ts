// tRPC over WebSocket, the only transport for subscriptions. The upgrade is
// authenticated from the session cookie and Origin-checked before any
// WebSocket exists, and bounded: sockets per session and per user, calls per
// message, subscriptions per socket, bytes waiting in a socket's send buffer
// (a socket that reads too slowly is closed with SOCKET_TOO_SLOW).
// Because tRPC builds one context per connection, the session is re-validated
// on every call; open sockets end at once when any instance ends their session
// (NOTIFY pursuit_session_ended from the sessions table's trigger), at their
// session's expiry (a timer per session), and on a periodic check.
// One process holds tens of thousands of idle sockets, so what is kept per
// socket is kept small: fields on the socket (PursuitSocket), listeners
// shared by all sockets instead of closures per socket, counts instead of
// sets, one heartbeat sweep instead of timers per socket, no compression.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  appRouter,
  createContextInner,
  liveEncoder,
  validateSessionToken,
  type DocumentServices,
  type LiveHub,
  type PresenceFeed,
  type RequestMeta,
  type SessionValidationResult,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { SignupMode } from './env';
import { isTrpcPath, requestMeta, sessionTokenOf } from './request';

/** Close code telling the client its session ended (sign in again). */
export const SESSION_ENDED = 4001;
/**
 * Close code telling the client it read too slowly (see PursuitSocket.send).
 * The client reconnects and resumes from the last
 * event id it received (the replay, or a resync, covers what was dropped).
 */
export const SOCKET_TOO_SLOW = 4002;

// The limits, per server instance. A browser tab opens one socket carrying one
// subscription, and its queries go over HTTP, so a person with dozens of tabs
// on a few devices stays far below every one of them.
/** tRPC calls in one WebSocket message (the client sends one subscription). */
export const MAX_WS_BATCH_SIZE = 10;
/** Live subscriptions open at once on one socket (a tab opens one). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 4;
/** Open sockets of one session (one browser: one per tab). */
export const MAX_SOCKETS_PER_SESSION = 16;
/** Open sockets of one user across all their sessions (browsers, devices). */
export const MAX_SOCKETS_PER_USER = 64;
/** A socket with more than this waiting to be sent for SLOW_SOCKET_MS is closed with SOCKET_TOO_SLOW. */
export const SLOW_SOCKET_BYTES = 4 * 1024 * 1024;
export const SLOW_SOCKET_MS = 5_000;
/** A socket with more than this waiting to be sent is closed with SOCKET_TOO_SLOW at once. */
export const MAX_SOCKET_BUFFER_BYTES = 16 * 1024 * 1024;
/** How long checking the session of an upgrade may take before it is refused (503). */
export const UPGRADE_AUTH_TIMEOUT_MS = 5_000;
/** Safety net behind the NOTIFY and the expiry timers: re-read open sessions this often. */
export const SESSION_CHECK_MS = 30_000;
/** Largest incoming WebSocket message. */
export const MAX_WS_PAYLOAD_BYTES = 1024 * 1024;
/**
 * Every open socket is pinged this often (a WebSocket ping, which browsers
 * answer by themselves); one that has not answered the previous ping by then
 * is ended, so dead peers (a phone that lost its network) are reaped within
 * two periods. The browser also sends its own PING every 20 s (trpc.ts).
 */
export const HEARTBEAT_MS = 30_000;

export interface SocketLimits {
  batchSize: number;
  subscriptionsPerSocket: number;
  socketsPerSession: number;
  socketsPerUser: number;
  slowBytes: number;
  slowMs: number;
  bufferBytes: number;
  upgradeAuthTimeoutMs: number;
  sessionCheckMs: number;
  heartbeatMs: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  batchSize: MAX_WS_BATCH_SIZE,
  subscriptionsPerSocket: MAX_SUBSCRIPTIONS_PER_SOCKET,
  socketsPerSession: MAX_SOCKETS_PER_SESSION,
  socketsPerUser: MAX_SOCKETS_PER_USER,
  slowBytes: SLOW_SOCKET_BYTES,
  slowMs: SLOW_SOCKET_MS,
  bufferBytes: MAX_SOCKET_BUFFER_BYTES,
  upgradeAuthTimeoutMs: UPGRADE_AUTH_TIMEOUT_MS,
  sessionCheckMs: SESSION_CHECK_MS,
  heartbeatMs: HEARTBEAT_MS,
};

/** setTimeout holds at most 2^31-1 ms (~24.8 days); a longer expiry is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Ended session ids are remembered this long, so an upgrade racing the NOTIFY is closed too. */
const ENDED_MEMORY_MS = 60_000;
/** Sessions re-read per query by the periodic check. */
const SESSION_CHECK_BATCH = 1_000;
/** Sockets pinged per turn of the event loop by the heartbeat sweep. */
const HEARTBEAT_SLICE = 2_000;

interface SocketAuth {
  sessionId: string;
  userId: string;
  token: string;
  expiresAt: Date;
}

/**
 * What tRPC's adapter is given as the socket's request, and keeps for the
 * socket's whole life: the URL (it reads the query) and what createContext
 * needs, rather than the upgrade's IncomingMessage with all its headers.
 */
interface SocketRequest {
  url: string;
  headers: { host?: string };
  pursuit: SocketAuth;
  meta: RequestMeta;
}

export interface Sockets {
  wss: WebSocketServer;
  /** Open sockets per session id, with the token to re-validate them. */
  bySession: Map<string, OpenSession>;
  /** Closes every socket of these sessions with SESSION_ENDED. */
  endSessions(sessionIds: Iterable<string>): number;
  /** Sockets closed with SOCKET_TOO_SLOW since start. */
  readonly slowClosed: number;
  close(): Promise<void>;
}

export interface OpenSession {
  token: string;
  userId: string;
  expiresAt: Date;
  sockets: Set<WebSocket>;
  expiry?: NodeJS.Timeout;
}

/** What PursuitSocket.send needs to close a slow socket, shared by every socket of one server. */
interface SlowPolicy {
  limits: Pick<SocketLimits, 'slowBytes' | 'slowMs' | 'bufferBytes'>;
  onTooSlow(ws: PursuitSocket): void;
}

/**
 * The server's WebSocket: ws's own, plus what Pursuit tracks per socket as
 * plain fields (a closure or a bound listener per socket costs more).
 */
class PursuitSocket extends WebSocket {
  /** Set when the upgrade completes. */
  auth: SocketAuth | undefined = undefined;
  slowPolicy: SlowPolicy | undefined = undefined;
  slowTimer: NodeJS.Timeout | undefined = undefined;
  /** Answered the last heartbeat ping (or has not been pinged yet). */
  alive = true;

  /**
   * Closes the socket with SOCKET_TOO_SLOW when its send buffer stays above
   * `slowBytes` for `slowMs`, or passes `bufferBytes` at any moment. Checked
   * on every send: ws has no hook for outgoing messages and tRPC's adapter
   * owns the sending. The close frame queues behind what is buffered, so a
   * slow reader still gets everything before it and resumes after it; one
   * that never reads is cut by ws's 30 s close timer. From the close on,
   * tRPC's adapter sends nothing more.
   */
  override send(data: unknown, options?: unknown, cb?: unknown): void {
    (super.send as (...args: unknown[]) => void)(data, options, cb);
    const policy = this.slowPolicy;
    if (!policy) return;
    const buffered = this.bufferedAmount;
    if (buffered > policy.limits.bufferBytes) this.tooSlow();
    else if (buffered > policy.limits.slowBytes && !this.slowTimer) {
      // A burst (a replay) may pass the mark; only a socket still above it later is slow.
      this.slowTimer = setTimeout(stillSlow, policy.limits.slowMs, this);
      this.slowTimer.unref();
    }
  }

  tooSlow(): void {
    clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
    if (this.readyState !== WebSocket.OPEN) return;
    this.slowPolicy?.onTooSlow(this);
    this.close(SOCKET_TOO_SLOW, 'too slow: reconnect and resync');
  }
}

function stillSlow(ws: PursuitSocket): void {
  ws.slowTimer = undefined;
  if (ws.slowPolicy && ws.bufferedAmount > ws.slowPolicy.limits.slowBytes) ws.tooSlow();
}

function answeredPing(this: WebSocket): void {
  (this as PursuitSocket).alive = true;
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}

export interface AttachOptions {
  server: Server;
  app: Database;
  owner: Database;
  origin: string;
  /** SIGNUP, for auth.config over the socket; 'open' when unset. */
  signup?: SignupMode;
  /** GHOSTED_AFTER_DAYS, for reminders and auth.config over the socket. */
  ghostedAfterDays?: number;
  digestAvailable?: boolean;
  /** CAPTURE_ALLOW_HOSTS, for capture.fromUrl over the socket. */
  captureAllowHosts?: readonly string[];
  live: LiveHub;
  /** Presence for presence.watch (issue 12); absent, it answers PRECONDITION_FAILED. */
  presence?: PresenceFeed;
  documents: DocumentServices;
  log?: (line: string) => void;
  /** Overrides of SOCKET_LIMITS (tests use small ones). */
  limits?: Partial<SocketLimits>;
}

const reasons: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Answers an upgrade that will not become a WebSocket, then drops the connection. */
function refuse(socket: Duplex, status: 401 | 403 | 404 | 429 | 503, reason: string) {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status]}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
  // end() waits for the peer; a peer that never reads must not hold it open.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Open raw connections per session and per user, from the upgrade's check until each closes. */
const kCounted = Symbol('pursuit.counted');
interface CountedSocket extends Duplex {
  [kCounted]?: SocketAuth;
}

function bump(counts: Map<string, number>, key: string, by: 1 | -1): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

/** Resolves with `work`'s result, or with `onTimeout` after `ms`. */
function within<T>(work: Promise<T>, ms: number, onTimeout: T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(onTimeout), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function attachSockets(options: AttachOptions): Sockets {
  const { server, app, owner, origin } = options;
  const limits: SocketLimits = { ...SOCKET_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WS_PAYLOAD_BYTES,
    // Messages are small JSON; a deflate context per socket would cost far more memory.
    perMessageDeflate: false,
    WebSocket: PursuitSocket,
  });
  const bySession = new Map<string, OpenSession>();
  const perSession = new Map<string, number>();
  const perUser = new Map<string, number>();
  const ended = new Map<string, number>();
  let slowClosed = 0;
  const slowPolicy: SlowPolicy = {
    limits,
    onTooSlow(ws) {
      slowClosed += 1;
      log(`live: closed a socket that read too slowly (${ws.bufferedAmount} bytes waiting)`);
    },
  };

  /** One listener for every raw socket counted by an upgrade: uncounts it. */
  function uncount(this: CountedSocket): void {
    const auth = this[kCounted];
    if (!auth) return;
    this[kCounted] = undefined;
    bump(perSession, auth.sessionId, -1);
    bump(perUser, auth.userId, -1);
  }

  /** One listener for every registered socket: forgets it, and its session with the last one. */
  function forget(this: WebSocket): void {
    const ws = this as PursuitSocket;
    clearTimeout(ws.slowTimer);
    const auth = ws.auth;
    if (!auth) return;
    const open = bySession.get(auth.sessionId);
    if (!open?.sockets.delete(ws)) return;
    if (open.sockets.size === 0) {
      clearTimeout(open.expiry);
      bySession.delete(auth.sessionId);
    }
  }

  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    // JSON text frames, with each live change's text made once for all its sockets.
    experimental_encoder: liveEncoder,
    maxBatchSize: limits.batchSize,
    // Dead peers are found by the heartbeat sweep below, not by timers per socket.
    keepAlive: { enabled: false },
    createContext: ({ req }) =>
      createContextInner({
        db: app,
        feed: options.live,
        documents: options.documents,
        presence: options.presence,
        sessionToken: (req as unknown as SocketRequest).pursuit.token,
        meta: (req as unknown as SocketRequest).meta,
        publicOrigin: origin,
        signup: options.signup,
        ghostedAfterDays: options.ghostedAfterDays,
        digestAvailable: options.digestAvailable,
        captureAllowHosts: options.captureAllowHosts,
        revalidateEveryCall: true,
        subscriptionLimit: limits.subscriptionsPerSocket,
      }),
  });

  function endSessions(sessionIds: Iterable<string>): number {
    let closed = 0;
    for (const id of sessionIds) {
      ended.set(id, Date.now());
      const open = bySession.get(id);
      if (!open) continue;
      clearTimeout(open.expiry);
      bySession.delete(id);
      for (const ws of open.sockets) {
        ws.close(SESSION_ENDED, 'session ended');
        closed += 1;
      }
    }
    return closed;
  }

  /**
   * Re-reads when these sessions expire, without sliding them (an
   * open tab is not activity; requests are). Ends the gone and the expired;
   * an expired one is also validated once, which deletes it, so its NOTIFY
   * reaches instances that did not know its expiry.
   */
  async function checkSessions(ids: string[]): Promise<void> {
    // As the owner: the ids are this server's own open sessions, of many users at once.
    const rows = await owner.db.query.sessions.findMany({
      columns: { id: true, expiresAt: true },
      where: (session, { inArray }) => inArray(session.id, ids),
    });
    const expiries = new Map(rows.map((row) => [row.id, row.expiresAt]));
    for (const id of ids) {
      const open = bySession.get(id);
      if (!open) continue;
      const expiresAt = expiries.get(id);
      if (expiresAt && expiresAt.getTime() > Date.now()) {
        open.expiresAt = expiresAt;
        scheduleExpiry(id, open);
        continue;
      }
      // Delete first, then close: whoever sees the socket close (a test, the
      // other instance through the NOTIFY) finds the session already gone.
      try {
        if (expiresAt) await validateSessionToken(app, open.token);
      } finally {
        endSessions([id]);
      }
    }
  }

  function scheduleExpiry(id: string, open: OpenSession): void {
    clearTimeout(open.expiry);
    const delay = Math.min(Math.max(0, open.expiresAt.getTime() - Date.now()), MAX_TIMER_MS);
    open.expiry = setTimeout(expire, delay, id);
    open.expiry.unref();
  }

  function expire(id: string): void {
    checkSessions([id]).catch((error: unknown) =>
      log(`session expiry check failed: ${String(error)}`),
    );
  }

  function register(ws: PursuitSocket, auth: SocketAuth): void {
    if (ended.has(auth.sessionId)) {
      ws.close(SESSION_ENDED, 'session ended');
      return;
    }
    let open = bySession.get(auth.sessionId);
    if (!open) {
      open = {
        token: auth.token,
        userId: auth.userId,
        expiresAt: auth.expiresAt,
        sockets: new Set(),
      };
      bySession.set(auth.sessionId, open);
      scheduleExpiry(auth.sessionId, open);
    }
    open.sockets.add(ws);
    ws.auth = auth;
    ws.slowPolicy = slowPolicy;
    ws.on('close', forget);
    ws.on('pong', answeredPing);
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    if (!isTrpcPath(req.url ?? '/')) {
      return refuse(socket, 404, 'No WebSocket here: live updates are served at /trpc.');
    }
    // Tokens for scripts authenticate HTTP calls only: live updates are for
    // a signed-in browser, whose socket ends when its session does.
    if (req.headers.authorization !== undefined) {
      return refuse(
        socket,
        401,
        'Tokens for scripts work over HTTP only (/trpc); live updates need a signed-in browser.',
      );
    }
    if (req.headers.origin !== origin)
      return refuse(socket, 403, 'Cross-origin WebSocket refused.');
    const token = sessionTokenOf(req);
    if (!token) return refuse(socket, 401, 'Sign in to open a live connection.');
    const checked = await within<SessionValidationResult | 'failed' | 'timed out'>(
      validateSessionToken(app, token).then(
        (result) => result,
        () => 'failed' as const,
      ),
      limits.upgradeAuthTimeoutMs,
      'timed out' as const,
    );
    if (checked === 'failed' || checked === 'timed out') {
      return refuse(socket, 503, 'Could not check your session just now; the page will retry.');
    }
    const { session } = checked;
    if (!session) return refuse(socket, 401, 'Sign in to open a live connection.');
    // Counted here, before the upgrade completes, so parallel upgrades cannot
    // all pass the check; each raw socket is uncounted when it closes.
    if ((perSession.get(session.id) ?? 0) >= limits.socketsPerSession) {
      return refuse(
        socket,
        429,
        `This browser already has ${limits.socketsPerSession} live connections open; close some tabs.`,
      );
    }
    if ((perUser.get(session.userId) ?? 0) >= limits.socketsPerUser) {
      return refuse(
        socket,
        429,
        `Your account already has ${limits.socketsPerUser} live connections open; close some tabs or sign out elsewhere.`,
      );
    }
    if (socket.destroyed) return;
    const auth: SocketAuth = {
      sessionId: session.id,
      userId: session.userId,
      token,
      expiresAt: session.expiresAt,
    };
    bump(perSession, auth.sessionId, 1);
    bump(perUser, auth.userId, 1);
    (socket as CountedSocket)[kCounted] = auth;
    socket.on('close', uncount);
    const kept: SocketRequest = {
      url: req.url ?? '/trpc',
      headers: { host: req.headers.host },
      pursuit: auth,
      meta: requestMeta(req, origin),
    };
    wss.handleUpgrade(req, socket, head, (ws) => {
      register(ws, auth);
      wss.emit('connection', ws, kept);
    });
  }
  const upgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', destroyOnError);
    onUpgrade(req, socket, head).catch((error: unknown) => {
      log(`upgrade failed: ${String(error)}`);
      socket.destroy();
    });
  };
  server.on('upgrade', upgradeListener);

  // Any instance ending a session reaches every instance through Postgres.
  const listening = owner.sql
    .listen('pursuit_session_ended', (sessionId) => endSessions([sessionId]))
    .catch((error: unknown) => {
      log(`LISTEN pursuit_session_ended failed: ${String(error)}`);
      return undefined;
    });

  // The safety net: a NOTIFY missed while the LISTEN connection was down, or
  // an expiry changed in the database (renewed by requests, or cut short).
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, at] of ended) if (now - at > ENDED_MEMORY_MS) ended.delete(id);
    const ids = [...bySession.keys()];
    for (let i = 0; i < ids.length; i += SESSION_CHECK_BATCH) {
      checkSessions(ids.slice(i, i + SESSION_CHECK_BATCH)).catch((error: unknown) =>
        log(`session check failed: ${String(error)}`),
      );
    }
  }, limits.sessionCheckMs);
  sweep.unref();

  // The heartbeat: a socket that did not answer the last ping is ended, every
  // other one pinged again, a slice at a time so the event loop stays free.
  const heartbeat = setInterval(() => {
    const sockets = [...wss.clients] as PursuitSocket[];
    const slice = (from: number) => {
      for (const ws of sockets.slice(from, from + HEARTBEAT_SLICE)) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        if (!ws.alive) {
          ws.terminate();
          continue;
        }
        ws.alive = false;
        ws.ping();
      }
      if (from + HEARTBEAT_SLICE < sockets.length) setImmediate(slice, from + HEARTBEAT_SLICE);
    };
    slice(0);
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    wss,
    bySession,
    endSessions,
    get slowClosed() {
      return slowClosed;
    },
    async close() {
      clearInterval(sweep);
      clearInterval(heartbeat);
      for (const open of bySession.values()) clearTimeout(open.expiry);
      server.off('upgrade', upgradeListener);
      handler.broadcastReconnectNotification();
      const subscription = await listening;
      await subscription?.unlisten().catch(() => undefined);
      for (const ws of wss.clients) ws.close(1012, 'server restarting');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
