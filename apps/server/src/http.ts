// One HTTP server for everything: /healthz, tRPC over HTTP at /trpc, tRPC over
// WebSocket on upgrade at /trpc (see sockets.ts), and the SvelteKit app for
// every other path. Cookie-authenticated mutations must come from ORIGIN.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  appRouter,
  BRIDGE_KEY,
  createContextInner,
  readSessionCookie,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  LiveHub,
  type DocumentServices,
  type PursuitBridge,
  type SsrRequest,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { compression } from './compress';
import { isExportPath, serveExport } from './export';
import { isTrpcPath, originAllowed, requestMeta, resolveRequest } from './request';
import { trustNoProxy, type TrustProxy } from './trust-proxy';
import { attachSockets, type Sockets } from './sockets';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface PursuitServerOptions {
  app: Database;
  owner: Database;
  origin: string;
  /** The SvelteKit handler; absent in API-only tests. */
  web?: NodeHandler;
  log?: (line: string) => void;
  /** Job queue and generator settings (`noDocumentServices` where none run). */
  documents: DocumentServices;
  /** Which peers may name the client in X-Forwarded-For (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
}

export interface PursuitServer {
  server: Server;
  sockets: Sockets;
  live: LiveHub;
  /** Resolves once the live hub is reading; serve after this. */
  ready: Promise<void>;
  /** Tell WS clients to reconnect elsewhere, finish requests, close. */
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Makes the router callable in-process by the SvelteKit app (no HTTP hop). */
export function installBridge(
  app: Database,
  origin: string,
  live: LiveHub,
  documents: DocumentServices,
): void {
  const bridge: PursuitBridge = {
    router: appRouter,
    origin,
    createContext: (request: SsrRequest) =>
      createContextInner({
        db: app,
        feed: live,
        documents,
        sessionToken: readSessionCookie(request.cookie, origin.startsWith('https:')),
        meta: { ip: request.ip, userAgent: request.userAgent, secure: origin.startsWith('https:') },
        cookies: request.cookies,
      }),
  };
  (globalThis as Record<symbol, unknown>)[Symbol.for(BRIDGE_KEY)] = bridge;
}

export function createPursuitServer(options: PursuitServerOptions): PursuitServer {
  const { app, origin } = options;
  const secure = origin.startsWith('https:');
  const live = new LiveHub({ owner: options.owner, app, log: options.log });
  const ready = live.start();
  installBridge(app, origin, live, options.documents);

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBatchSize: 50,
    maxBodySize: 2 * 1024 * 1024,
    createContext: ({ req, res }) =>
      createContextInner({
        db: app,
        feed: live,
        documents: options.documents,
        sessionToken: readSessionCookie(req.headers.cookie, secure),
        meta: requestMeta(req, origin),
        cookies: {
          set: (token, expiresAt) =>
            res.appendHeader('set-cookie', serializeSessionCookie(token, expiresAt, secure)),
          clear: () => res.appendHeader('set-cookie', serializeBlankSessionCookie(secure)),
        },
      }),
    onError: ({ error, path }) => {
      // Permission errors are shown to the caller as NOT_FOUND; log them here.
      const denied = (error.cause as { code?: string } | undefined)?.code === '42501';
      if (error.code === 'INTERNAL_SERVER_ERROR' || denied) {
        options.log?.(
          `tRPC ${path ?? '?'} failed: ${error.cause?.stack ?? error.stack ?? error.message}`,
        );
      }
    },
  });

  const compress = compression();

  const trust = options.trustProxy ?? trustNoProxy;
  const server = createServer((req, res) => {
    resolveRequest(req, { trust, secure });
    const url = req.url ?? '/';
    if (url === '/healthz') {
      app.sql`select 1`.then(
        () => sendJson(res, 200, { ok: true }),
        () => sendJson(res, 503, { ok: false, error: 'database unavailable' }),
      );
      return;
    }
    // Streamed downloads of the user's data (issue 5), cookie-authenticated GETs.
    if (isExportPath(url)) {
      serveExport(req, res, app, options.log);
      return;
    }
    if (isTrpcPath(url)) {
      if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req, origin)) {
        sendJson(res, 403, { error: { message: 'Cross-origin request refused.' } });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      compress(req, res, () => trpc(req, res));
      return;
    }
    if (options.web) {
      const web = options.web;
      // Rendered pages are large (a 500-card board is ~1 MB of HTML, ~70 kB
      // gzipped); static assets arrive precompressed and are left alone.
      compress(req, res, () => web(req, res, () => sendJson(res, 404, { error: 'not found' })));
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  });
  server.keepAliveTimeout = 65_000;

  // Runs before sockets.ts's upgrade listener, so the socket sees the resolved client.
  server.prependListener('upgrade', (req: IncomingMessage) =>
    resolveRequest(req, { trust, secure }),
  );

  const sockets = attachSockets({
    server,
    app,
    owner: options.owner,
    origin,
    live,
    documents: options.documents,
    log: options.log,
  });

  // Track raw connections so a shutdown can end idle keep-alive ones.
  const connections = new Set<Socket>();
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  return {
    server,
    sockets,
    live,
    ready,
    async close() {
      await sockets.close();
      await ready.catch(() => undefined);
      await live.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running after 10 s are cut so the process can exit.
        setTimeout(() => {
          for (const socket of connections) socket.destroy();
        }, 10_000).unref();
      });
    },
  };
}
