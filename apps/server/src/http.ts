// One HTTP server for everything: /healthz, tRPC over HTTP at /trpc, tRPC over
// WebSocket on upgrade at /trpc (see sockets.ts), and the SvelteKit app for
// every other path. Cookie-authenticated mutations must come from ORIGIN;
// a script's `Authorization: Bearer` token replaces the cookie (and the Origin
// check, which guards only what a browser sends by itself) and is throttled.
// Subscriptions are refused over HTTP (426): they run on the WebSocket only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  apiTokenHash,
  appRouter,
  createRestHandler,
  OPENAPI_PATH,
  openApiDocument,
  REST_BASE_PATH,
  BRIDGE_KEY,
  createContextInner,
  readSessionCookie,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  LiveHub,
  Presence,
  readBearer,
  TOKEN_RATE,
  TokenThrottle,
  type TokenRate,
  type DocumentServices,
  type PursuitBridge,
  type SsrRequest,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createCalendarFeed, isCalendarPath } from './calendar';
import { compression } from './compress';
import type { SignupMode } from './env';
import { createExports, EXPORT_STALL_MS, isExportPath, type Exports } from './export';
import { isTrpcPath, originAllowed, requestMeta, resolveRequest } from './request';
import { trustNoProxy, type TrustProxy } from './trust-proxy';
import { attachSockets, type SocketLimits, type Sockets } from './sockets';

// Node's HTTP timeouts, so a client that trickles its request cannot hold a
// connection (slowloris). Responses are not limited here: exports stream for
// as long as the reader keeps up (export.ts has its own stall timeout).
/** Time to receive a request's headers, from its first byte. */
export const HEADERS_TIMEOUT_MS = 20_000;
/** Time to receive a whole request, body included (bodies are at most 2 MiB). */
export const REQUEST_TIMEOUT_MS = 120_000;
/** An idle keep-alive connection is closed after this; above a load balancer's 60 s. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How often Node checks the two request timeouts above. */
export const TIMEOUT_CHECK_MS = 5_000;

export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  checkMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: HEADERS_TIMEOUT_MS,
  requestMs: REQUEST_TIMEOUT_MS,
  keepAliveMs: KEEP_ALIVE_TIMEOUT_MS,
  checkMs: TIMEOUT_CHECK_MS,
};

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface PursuitServerOptions {
  app: Database;
  owner: Database;
  origin: string;
  /** SIGNUP: who may create an account; 'open' when unset. */
  signup?: SignupMode;
  /** GHOSTED_AFTER_DAYS (default 21). */
  ghostedAfterDays?: number;
  /** SMTP_URL is set, so the daily digest is sent (the settings page says so). */
  digestAvailable?: boolean;
  /** CAPTURE_ALLOW_HOSTS: private hosts capture.fromUrl may still fetch. */
  captureAllowHosts?: readonly string[];
  /** The SvelteKit handler; absent in API-only tests. */
  web?: NodeHandler;
  log?: (line: string) => void;
  /** Job queue and generator settings (`noDocumentServices` where none run). */
  documents: DocumentServices;
  /** Overrides of SERVER_TIMEOUTS (tests use small ones). */
  timeouts?: Partial<ServerTimeouts>;
  /** Overrides of the WebSocket limits, SOCKET_LIMITS in sockets.ts. */
  socketLimits?: Partial<SocketLimits>;
  /** The downloads, on their own pool (boot.ts); by default on `app`, still one per user. */
  exports?: Exports;
  /** Which peers may name the client in X-Forwarded-For (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** Overrides of TOKEN_RATE, the per-token request throttle (tests use small ones). */
  tokenRate?: Partial<TokenRate>;
}

export interface PursuitServer {
  server: Server;
  sockets: Sockets;
  live: LiveHub;
  /** Who is looking at whose search (presence.watch / presence.typing). */
  presence: Presence;
  /** Resolves once the live hub is reading; serve after this. */
  ready: Promise<void>;
  /** Tell WS clients to reconnect elsewhere, finish requests, close. */
  close(): Promise<void>;
}

/**
 * Headers for every response. Pages get SvelteKit's own Content-Security-Policy
 * (kit.csp in apps/web/svelte.config.js), which replaces the deny-all one set
 * here; everything else (tRPC, exports, /healthz, 404s) is data a browser must
 * never run, frame or sniff as something else.
 */
export function setSecurityHeaders(res: ServerResponse, secure: boolean): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  if (secure) res.setHeader('strict-transport-security', 'max-age=31536000');
}

/** SvelteKit's service worker script (apps/web/src/service-worker.ts). */
export const SERVICE_WORKER_PATH = '/service-worker.js';

/**
 * A worker's script carries the worker's own policy: the deny-all one would
 * stop it fetching the app's files to cache them (connect-src). And it is
 * checked on every visit, so a new build's worker takes over at once.
 */
export function serviceWorkerHeaders(res: ServerResponse): void {
  res.setHeader(
    'content-security-policy',
    "default-src 'none'; connect-src 'self'; frame-ancestors 'none'",
  );
  res.setHeader('cache-control', 'no-cache');
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** tRPC paths of subscriptions; asked for over HTTP they get a 426. */
const subscriptionPaths = new Set(
  Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
    .filter(([, procedure]) => procedure._def.type === 'subscription')
    .map(([path]) => path),
);

/** How many procedures a /trpc URL calls (a batch names several). */
function callCount(url: string): number {
  return (url.slice('/trpc/'.length).split('?')[0] ?? '').split(',').length;
}

/** Whether a /trpc URL calls a subscription (alone or in a batch). */
function callsSubscription(url: string): boolean {
  const paths = url.slice('/trpc/'.length).split('?')[0] ?? '';
  return paths.split(',').some((path) => {
    try {
      return subscriptionPaths.has(decodeURIComponent(path));
    } catch {
      return false;
    }
  });
}

/** The request's bearer token, when it sends a well-formed one. */
function bearerOf(req: IncomingMessage): string | null {
  const bearer = readBearer(req.headers.authorization);
  return bearer.kind === 'bearer' ? bearer.token : null;
}

/** Makes the router callable in-process by the SvelteKit app (no HTTP hop). */
export function installBridge(
  app: Database,
  origin: string,
  live: LiveHub,
  documents: DocumentServices,
  signup?: SignupMode,
  presence?: Presence,
  ghostedAfterDays?: number,
  digestAvailable?: boolean,
  captureAllowHosts?: readonly string[],
): void {
  const bridge: PursuitBridge = {
    router: appRouter,
    origin,
    createContext: (request: SsrRequest) =>
      createContextInner({
        db: app,
        feed: live,
        documents,
        presence,
        sessionToken: readSessionCookie(request.cookie, origin.startsWith('https:')),
        meta: { ip: request.ip, userAgent: request.userAgent, secure: origin.startsWith('https:') },
        cookies: request.cookies,
        publicOrigin: origin,
        signup,
        ghostedAfterDays,
        digestAvailable,
        captureAllowHosts,
      }),
  };
  (globalThis as Record<symbol, unknown>)[Symbol.for(BRIDGE_KEY)] = bridge;
}

export function createPursuitServer(options: PursuitServerOptions): PursuitServer {
  const { app, origin } = options;
  const secure = origin.startsWith('https:');
  const live = new LiveHub({ owner: options.owner, app, log: options.log });
  const presence = new Presence({
    app,
    owner: options.owner,
    onAccessLost: (listener) => live.onAccessLost(listener),
    log: options.log,
  });
  const ready = live.start().then(() => presence.start());
  installBridge(
    app,
    origin,
    live,
    options.documents,
    options.signup,
    presence,
    options.ghostedAfterDays,
    options.digestAvailable,
    options.captureAllowHosts,
  );

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
        presence,
        sessionToken: readSessionCookie(req.headers.cookie, secure),
        // Malformed headers were answered with 401 before reaching tRPC.
        bearerToken: bearerOf(req),
        meta: requestMeta(req, origin),
        publicOrigin: origin,
        signup: options.signup,
        ghostedAfterDays: options.ghostedAfterDays,
        digestAvailable: options.digestAvailable,
        captureAllowHosts: options.captureAllowHosts,
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

  const tokenThrottle = new TokenThrottle({ ...TOKEN_RATE, ...options.tokenRate });
  let openApiJson: string | undefined;

  /** A missing (on /api/v1) or malformed Authorization header: 401 that says the form. */
  function refuseAuthorization(res: ServerResponse): void {
    res.setHeader('www-authenticate', 'Bearer');
    sendJson(res, 401, {
      error: {
        code: 'UNAUTHORIZED',
        message:
          'Send a token for scripts as "Authorization: Bearer pst_…" (make one on the account page).',
      },
    });
  }

  /**
   * Takes `calls` from the token's bucket, or answers 429 with Retry-After.
   * Keyed by the token's hash, so unknown tokens are throttled too.
   */
  function admitToken(res: ServerResponse, token: string, calls: number): boolean {
    const wait = tokenThrottle.take(apiTokenHash(token), calls);
    if (wait === 0) return true;
    res.setHeader('retry-after', String(wait));
    sendJson(res, 429, {
      error: {
        code: 'TOO_MANY_REQUESTS',
        message: `Too many requests with this token. Try again in ${wait} second${wait === 1 ? '' : 's'}.`,
        retryAfterSeconds: wait,
      },
    });
    return false;
  }

  const rest = createRestHandler({
    createContext: (req) =>
      createContextInner({
        db: app,
        feed: live,
        documents: options.documents,
        presence,
        sessionToken: null,
        bearerToken: bearerOf(req),
        meta: requestMeta(req, origin),
        publicOrigin: origin,
        signup: options.signup,
        ghostedAfterDays: options.ghostedAfterDays,
        digestAvailable: options.digestAvailable,
      }),
    onError: (error, path) => {
      if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') return;
      options.log?.(`REST ${path ?? '?'} failed: ${error.stack ?? error.message}`);
    },
  });

  const compress = compression();
  const calendar = createCalendarFeed({ app, origin, log: options.log });
  const exports =
    options.exports ?? createExports({ app, db: app, stallMs: EXPORT_STALL_MS, log: options.log });

  const trust = options.trustProxy ?? trustNoProxy;
  const timeouts: ServerTimeouts = { ...SERVER_TIMEOUTS, ...options.timeouts };
  const server = createServer({ connectionsCheckingInterval: timeouts.checkMs }, (req, res) => {
    resolveRequest(req, { trust, secure });
    setSecurityHeaders(res, secure);
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
      exports.serve(req, res);
      return;
    }
    // Secret calendar feeds: the token in the path authenticates, not a cookie.
    if (isCalendarPath(url)) {
      compress(req, res, () => void calendar(req, res));
      return;
    }
    if (isTrpcPath(url)) {
      if (callsSubscription(url)) {
        // tRPC would stream it as server-sent events, which no session end reaches.
        res.writeHead(426, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          upgrade: 'websocket',
        });
        res.end(
          JSON.stringify({
            error: {
              code: 'METHOD_NOT_SUPPORTED',
              message: 'Live updates run over the WebSocket at /trpc only, not over HTTP.',
            },
          }),
        );
        return;
      }
      const bearer = readBearer(req.headers.authorization);
      if (bearer.kind === 'malformed') return refuseAuthorization(res);
      if (bearer.kind === 'bearer') {
        if (!admitToken(res, bearer.token, callCount(url))) return;
      } else if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req, origin)) {
        sendJson(res, 403, { error: { message: 'Cross-origin request refused.' } });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      compress(req, res, () => trpc(req, res));
      return;
    }
    if (url === OPENAPI_PATH) {
      openApiJson ??= JSON.stringify(openApiDocument(origin));
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      res.end(openApiJson);
      return;
    }
    // The scripts' REST routes (tokens/rest.ts): a token only, never a cookie,
    // so no browser can be made to call them (and no Origin check is needed).
    if (
      url === REST_BASE_PATH ||
      url.startsWith(`${REST_BASE_PATH}/`) ||
      url.startsWith(`${REST_BASE_PATH}?`)
    ) {
      const bearer = readBearer(req.headers.authorization);
      if (bearer.kind !== 'bearer') return refuseAuthorization(res);
      if (!admitToken(res, bearer.token, 1)) return;
      req.url = url.slice(REST_BASE_PATH.length) || '/';
      res.setHeader('cache-control', 'no-store');
      compress(req, res, () => void rest(req, res));
      return;
    }
    if (options.web) {
      const web = options.web;
      if (url === SERVICE_WORKER_PATH) serviceWorkerHeaders(res);
      // Rendered pages are large (a 500-card board is ~1 MB of HTML, ~70 kB
      // gzipped); static assets arrive precompressed and are left alone.
      compress(req, res, () => web(req, res, () => sendJson(res, 404, { error: 'not found' })));
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  });
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;

  // Runs before sockets.ts's upgrade listener, so the socket sees the resolved client.
  server.prependListener('upgrade', (req: IncomingMessage) =>
    resolveRequest(req, { trust, secure }),
  );

  const sockets = attachSockets({
    server,
    app,
    owner: options.owner,
    origin,
    signup: options.signup,
    ghostedAfterDays: options.ghostedAfterDays,
    digestAvailable: options.digestAvailable,
    captureAllowHosts: options.captureAllowHosts,
    live,
    presence,
    documents: options.documents,
    log: options.log,
    limits: options.socketLimits,
  });

  // Track raw connections so a shutdown can end idle keep-alive ones (one
  // listener shared by all: a closure per connection adds up with many sockets).
  const connections = new Set<Socket>();
  function untrack(this: Socket) {
    connections.delete(this);
  }
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', untrack);
  });

  return {
    server,
    sockets,
    live,
    presence,
    ready,
    async close() {
      await sockets.close();
      await ready.catch(() => undefined);
      await presence.stop();
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
