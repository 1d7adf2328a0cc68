// What both transports (HTTP in http.ts, WebSocket in sockets.ts) read from an
// incoming request: the client's address and agent, the Origin rule, the path.
import type { IncomingMessage } from 'node:http';
import { CLIENT_ADDRESS_HEADER, readSessionCookie, type RequestMeta } from '@pursuit/api/server';
import { clientIp, type TrustProxy } from './trust-proxy';

interface Resolved {
  ip: string | null;
  secure: boolean;
}

// http.ts resolves each request once, as it arrives (HTTP requests and
// WebSocket upgrades alike), with the server's TRUST_PROXY and origin; the
// transports read the result here rather than each deciding again.
const resolved = new WeakMap<IncomingMessage, Resolved>();

export function resolveRequest(
  req: IncomingMessage,
  settings: { trust: TrustProxy; secure: boolean },
): void {
  const ip = clientIp(req, settings.trust);
  resolved.set(req, { ip, secure: settings.secure });
  // The SvelteKit side reads the address from this header: what a client sent
  // under that name is replaced, never believed.
  if (ip) req.headers[CLIENT_ADDRESS_HEADER] = ip;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
}

/** The session token from the request's cookie (the __Host- one on https). */
export function sessionTokenOf(req: IncomingMessage): string | null {
  return readSessionCookie(req.headers.cookie, resolved.get(req)?.secure ?? false);
}

export function requestMeta(req: IncomingMessage, origin: string): RequestMeta {
  const known = resolved.get(req);
  return {
    ip: known ? known.ip : clientIp(req),
    userAgent: req.headers['user-agent'] ?? null,
    secure: origin.startsWith('https:'),
  };
}

/** Browsers send Origin on every cross-site and same-site POST; we require it to match. */
export function originAllowed(req: IncomingMessage, origin: string): boolean {
  return req.headers.origin === origin;
}

/** tRPC lives at /trpc, over HTTP and over the WebSocket upgrade alike. */
export function isTrpcPath(url: string): boolean {
  return url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?');
}
