// tRPC over WebSocket, the only transport for subscriptions. The upgrade is
// authenticated from the session cookie and Origin-checked before any
// WebSocket exists, and bounded: sockets per session and per user, calls per
// message, subscriptions per socket, bytes waiting in a socket's send buffer
// (a socket that reads too slowly is closed with SOCKET_TOO_SLOW).
// Because tRPC builds one context per connection, the session is re-validated
// on every call; open sockets end at once when any instance ends their session
// (NOTIFY pursuit_session_ended from the sessions table's trigger), at their
// session's expiry (a timer per session), and on a periodic check.
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
  type SessionValidationResult,
} from '@pursuit/api/server';
import { withUser, type Database } from '@pursuit/db';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { SignupMode } from './env';
import { isTrpcPath, requestMeta, sessionTokenOf } from './request';

/** Close code telling the client its session ended (sign in again). */
export const SESSION_ENDED = 4001;
/**
 * Close code telling the client it read too slowly (see closeWhenTooSlow).
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
};

/** setTimeout holds at most 2^31-1 ms (~24.8 days); a longer expiry is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Ended session ids are remembered this long, so an upgrade racing the NOTIFY is closed too. */
const ENDED_MEMORY_MS = 60_000;

interface SocketAuth {
  sessionId: string;
  userId: string;
  token: string;
  expiresAt: Date;
}

interface AuthedRequest extends IncomingMessage {
  pursuit?: SocketAuth;
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

/** Raw connections per key (session or user), each counted until it closes. */
class Tally {
  private readonly byKey = new Map<string, Set<Duplex>>();

  size(key: string): number {
    return this.byKey.get(key)?.size ?? 0;
  }

  add(key: string, socket: Duplex): void {
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(socket);
    const entry = set;
    socket.once('close', () => {
      entry.delete(socket);
      if (entry.size === 0 && this.byKey.get(key) === entry) this.byKey.delete(key);
    });
  }
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

/**
 * Closes `ws` with SOCKET_TOO_SLOW when its send buffer stays above
 * `limits.slowBytes` for `limits.slowMs`, or passes `limits.bufferBytes` at
 * any moment. Checked on every send: `ws` has no hook for outgoing messages
 * and tRPC's adapter owns the sending, so the socket's own send is wrapped.
 * The close frame queues behind what is buffered, so a slow reader still gets
 * everything before it and resumes after it; one that never reads is cut by
 * ws's 30 s close timer. From the close on, tRPC's adapter sends nothing more.
 */
function closeWhenTooSlow(
  ws: WebSocket,
  limits: Pick<SocketLimits, 'slowBytes' | 'slowMs' | 'bufferBytes'>,
  onClose: () => void,
): void {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = () => {
    clearTimeout(timer);
    timer = undefined;
    if (ws.readyState !== WebSocket.OPEN) return;
    onClose();
    ws.close(SOCKET_TOO_SLOW, 'too slow: reconnect and resync');
  };
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  ws.send = ((...args: unknown[]) => {
    send(...args);
    const buffered = ws.bufferedAmount;
    if (buffered > limits.bufferBytes) tooSlow();
    else if (buffered > limits.slowBytes && !timer) {
      // A burst (a replay) may pass the mark; only a socket still above it later is slow.
      timer = setTimeout(() => {
        timer = undefined;
        if (ws.bufferedAmount > limits.slowBytes) tooSlow();
      }, limits.slowMs);
      timer.unref();
    }
  }) as WebSocket['send'];
  ws.once('close', () => clearTimeout(timer));
}

export function attachSockets(options: AttachOptions): Sockets {
  const { server, app, owner, origin } = options;
  const limits: SocketLimits = { ...SOCKET_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD_BYTES });
  const bySession = new Map<string, OpenSession>();
  const perSession = new Tally();
  const perUser = new Tally();
  const ended = new Map<string, number>();
  let slowClosed = 0;

  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    // JSON text frames, with each live change's text made once for all its sockets.
    experimental_encoder: liveEncoder,
    maxBatchSize: limits.batchSize,
    keepAlive: { enabled: true, pingMs: 25_000, pongWaitMs: 10_000 },
    createContext: ({ req }) =>
      createContextInner({
        db: app,
        feed: options.live,
        documents: options.documents,
        presence: options.presence,
        sessionToken: (req as AuthedRequest).pursuit?.token ?? null,
        meta: requestMeta(req, origin),
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
   * Re-reads when these sessions of `userId` expire, without sliding them (an
   * open tab is not activity; requests are). Ends the gone and the expired;
   * an expired one is also validated once, which deletes it, so its NOTIFY
   * reaches instances that did not know its expiry.
   */
  async function checkSessions(userId: string, ids: string[]): Promise<void> {
    const rows = await withUser(app, userId, (tx) =>
      tx.query.sessions.findMany({
        columns: { id: true, expiresAt: true },
        where: (session, { inArray }) => inArray(session.id, ids),
      }),
    );
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
    open.expiry = setTimeout(() => {
      checkSessions(open.userId, [id]).catch((error: unknown) =>
        log(`session expiry check failed: ${String(error)}`),
      );
    }, delay);
    open.expiry.unref();
  }

  function register(ws: WebSocket, auth: SocketAuth): void {
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
    const entry = open;
    entry.sockets.add(ws);
    ws.once('close', () => {
      entry.sockets.delete(ws);
      if (entry.sockets.size === 0 && bySession.get(auth.sessionId) === entry) {
        clearTimeout(entry.expiry);
        bySession.delete(auth.sessionId);
      }
    });
    closeWhenTooSlow(ws, limits, () => {
      slowClosed += 1;
      log(`live: closed a socket that read too slowly (${ws.bufferedAmount} bytes waiting)`);
    });
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
    if (perSession.size(session.id) >= limits.socketsPerSession) {
      return refuse(
        socket,
        429,
        `This browser already has ${limits.socketsPerSession} live connections open; close some tabs.`,
      );
    }
    if (perUser.size(session.userId) >= limits.socketsPerUser) {
      return refuse(
        socket,
        429,
        `Your account already has ${limits.socketsPerUser} live connections open; close some tabs or sign out elsewhere.`,
      );
    }
    if (socket.destroyed) return;
    perSession.add(session.id, socket);
    perUser.add(session.userId, socket);
    const auth: SocketAuth = {
      sessionId: session.id,
      userId: session.userId,
      token,
      expiresAt: session.expiresAt,
    };
    (req as AuthedRequest).pursuit = auth;
    wss.handleUpgrade(req, socket, head, (ws) => {
      register(ws, auth);
      wss.emit('connection', ws, req);
    });
  }
  const upgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
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
    const byUser = new Map<string, string[]>();
    for (const [id, open] of bySession) {
      const ids = byUser.get(open.userId);
      if (ids) ids.push(id);
      else byUser.set(open.userId, [id]);
    }
    for (const [userId, ids] of byUser) {
      checkSessions(userId, ids).catch((error: unknown) =>
        log(`session check failed: ${String(error)}`),
      );
    }
  }, limits.sessionCheckMs);
  sweep.unref();

  return {
    wss,
    bySession,
    endSessions,
    get slowClosed() {
      return slowClosed;
    },
    async close() {
      clearInterval(sweep);
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
