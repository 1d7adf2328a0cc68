// tRPC over WebSocket. The upgrade is authenticated from the session cookie and
// Origin-checked before any WebSocket exists. Because tRPC builds one context
// per connection, the session is re-validated on every call (the context asks
// each time), every 30 s on open sockets, and at once when any instance ends a
// session (NOTIFY pursuit_session_ended from the sessions table's trigger).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  appRouter,
  createContextInner,
  validateSessionToken,
  type DocumentServices,
  type LiveHub,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { isTrpcPath, requestMeta, sessionTokenOf } from './request';

/** Close code telling the client its session ended (sign in again). */
export const SESSION_ENDED = 4001;
const REVALIDATE_MS = 30_000;

interface AuthedRequest extends IncomingMessage {
  pursuit?: { sessionId: string; userId: string; token: string };
}

export interface Sockets {
  wss: WebSocketServer;
  /** Open sockets per session id, with the token to re-validate them. */
  bySession: Map<string, OpenSession>;
  /** Closes every socket of these sessions with SESSION_ENDED. */
  endSessions(sessionIds: Iterable<string>): number;
  close(): Promise<void>;
}

interface OpenSession {
  token: string;
  sockets: Set<WebSocket>;
}

interface AttachOptions {
  server: Server;
  app: Database;
  owner: Database;
  origin: string;
  live: LiveHub;
  documents: DocumentServices;
  log?: (line: string) => void;
}

function refuse(socket: Duplex, status: 401 | 403, reason: string) {
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain\r\n' +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

export function attachSockets(options: AttachOptions): Sockets {
  const { server, app, owner, origin } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const bySession = new Map<string, OpenSession>();

  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 25_000, pongWaitMs: 10_000 },
    createContext: ({ req, res: ws }) => {
      const auth = (req as AuthedRequest).pursuit;
      if (auth) {
        let open = bySession.get(auth.sessionId);
        if (!open)
          bySession.set(auth.sessionId, (open = { token: auth.token, sockets: new Set() }));
        const entry = open;
        entry.sockets.add(ws);
        ws.once('close', () => {
          entry.sockets.delete(ws);
          if (entry.sockets.size === 0 && bySession.get(auth.sessionId) === entry) {
            bySession.delete(auth.sessionId);
          }
        });
      }
      return createContextInner({
        db: app,
        feed: options.live,
        documents: options.documents,
        sessionToken: auth?.token ?? null,
        meta: requestMeta(req, origin),
        revalidateEveryCall: true,
      });
    },
  });

  function endSessions(sessionIds: Iterable<string>): number {
    let closed = 0;
    for (const id of sessionIds) {
      for (const ws of bySession.get(id)?.sockets ?? []) {
        ws.close(SESSION_ENDED, 'session ended');
        closed += 1;
      }
      bySession.delete(id);
    }
    return closed;
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = req.url ?? '/';
    if (!isTrpcPath(url)) return;
    if (req.headers.origin !== origin)
      return refuse(socket, 403, 'Cross-origin WebSocket refused.');
    const token = sessionTokenOf(req);
    const { session } = await validateSessionToken(app, token).catch(() => ({ session: null }));
    if (!session || !token) return refuse(socket, 401, 'Sign in to open a live connection.');
    (req as AuthedRequest).pursuit = { sessionId: session.id, userId: session.userId, token };
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }
  const upgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch((error: unknown) => {
      options.log?.(`upgrade failed: ${String(error)}`);
      socket.destroy();
    });
  };
  server.on('upgrade', upgradeListener);

  // Any instance ending a session reaches every instance through Postgres.
  const listening = owner.sql
    .listen('pursuit_session_ended', (sessionId) => endSessions([sessionId]))
    .catch((error: unknown) => {
      options.log?.(`LISTEN pursuit_session_ended failed: ${String(error)}`);
      return undefined;
    });

  // Expiry has no trigger: sweep open sessions periodically.
  const sweep = setInterval(() => {
    void Promise.all(
      [...bySession].map(async ([id, open]) => {
        const { session } = await validateSessionToken(app, open.token).catch(() => ({
          session: undefined,
        }));
        if (session === null) endSessions([id]);
      }),
    );
  }, REVALIDATE_MS);
  sweep.unref();

  return {
    wss,
    bySession,
    endSessions,
    async close() {
      clearInterval(sweep);
      server.off('upgrade', upgradeListener);
      handler.broadcastReconnectNotification();
      const subscription = await listening;
      await subscription?.unlisten().catch(() => undefined);
      for (const ws of wss.clients) ws.close(1012, 'server restarting');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
