// The contract between apps/server and the SvelteKit app for server-side
// rendering without an HTTP hop: the server puts a PursuitBridge on
// globalThis[Symbol.for(BRIDGE_KEY)] before the web handler loads, and the web
// app calls the router in-process through it (types only cross the boundary).
import type { Context, SessionCookieWriter } from './context';
import type { AppRouter } from './root';

export { BRIDGE_KEY } from './constants';

export interface SsrRequest {
  cookie: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Lets a page render re-send the session cookie when its expiry slid forward. */
  cookies?: SessionCookieWriter;
}

export interface PursuitBridge {
  router: AppRouter;
  createContext(request: SsrRequest): Context;
  /** The public origin, e.g. http://localhost:3000. */
  origin: string;
}
