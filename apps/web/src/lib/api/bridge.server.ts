// The one door from SvelteKit's server side to the API: an in-process tRPC
// client over the router apps/server hands us, so SSR makes no HTTP hop.
import { createTRPCClient, localLink } from '@trpc/client';
import type { RequestEvent } from '@sveltejs/kit';
import superjson from 'superjson';
import type {
  AppRouter,
  BRIDGE_KEY,
  CLIENT_ADDRESS_HEADER,
  PursuitBridge,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from '@pursuit/api';

const bridgeKey: typeof BRIDGE_KEY = 'pursuit.bridge';
const plainSessionCookie: typeof SESSION_COOKIE = 'pursuit_session';
const secureSessionCookie: typeof SECURE_SESSION_COOKIE = '__Host-pursuit_session';
const clientAddressHeader: typeof CLIENT_ADDRESS_HEADER = 'x-pursuit-client-address';

function getBridge(): PursuitBridge {
  const bridge = (globalThis as Record<symbol, PursuitBridge | undefined>)[Symbol.for(bridgeKey)];
  if (!bridge) {
    throw new Error(
      'The Pursuit API bridge is missing: the web app must be served by apps/server, ' +
        'which provides it. Run `pnpm dev` (or `pnpm start`) from the repository root ' +
        'instead of `vite dev` in apps/web.',
    );
  }
  return bridge;
}

/**
 * The client as apps/server resolved it with TRUST_PROXY (it overwrites the
 * header on every request), so pages and the API throttle the same address.
 */
function clientAddress(event: RequestEvent): string | null {
  return event.request.headers.get(clientAddressHeader);
}

export function createServerApi(event: RequestEvent) {
  const bridge = getBridge();
  // As the API does: the __Host- cookie on an https origin (Secure, Path=/, no Domain).
  const secure = bridge.origin.startsWith('https:');
  const sessionCookie = secure ? secureSessionCookie : plainSessionCookie;
  const request = {
    cookie: event.request.headers.get('cookie'),
    ip: clientAddress(event),
    userAgent: event.request.headers.get('user-agent'),
    // A page load that slides the session's expiry sends the cookie again,
    // as the API does over HTTP (Lucia guide), so an active person stays in.
    cookies: {
      set: (token: string, expiresAt: Date) =>
        event.cookies.set(sessionCookie, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          expires: expiresAt,
        }),
      clear: () => event.cookies.delete(sessionCookie, { path: '/', secure }),
    },
  };
  return createTRPCClient<AppRouter>({
    links: [
      localLink({
        router: bridge.router,
        transformer: superjson,
        createContext: () => Promise.resolve(bridge.createContext(request)),
      }),
    ],
  });
}

export type ServerApi = ReturnType<typeof createServerApi>;
