// What both transports (HTTP in http.ts, WebSocket in sockets.ts) read from an
// incoming request: the client's address and agent, the Origin rule, the path.
import type { IncomingMessage } from 'node:http';
import type { RequestMeta } from '@pursuit/api/server';

/** The address a request came from (the socket peer; we trust no proxy header). */
export function clientIp(req: IncomingMessage): string | null {
  return req.socket.remoteAddress ?? null;
}

export function requestMeta(req: IncomingMessage, origin: string): RequestMeta {
  return {
    ip: clientIp(req),
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
