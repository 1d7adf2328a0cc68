// The one door from SvelteKit's server side to the API: an in-process tRPC
// client over the router apps/server hands us, so SSR makes no HTTP hop.
import { createTRPCClient, localLink } from '@trpc/client';
import type { RequestEvent } from '@sveltejs/kit';
import superjson from 'superjson';
import type { AppRouter, BRIDGE_KEY, PursuitBridge, SESSION_COOKIE } from '@pursuit/api';

const bridgeKey: typeof BRIDGE_KEY = 'pursuit.bridge';
const sessionCookie: typeof SESSION_COOKIE = 'pursuit_session';

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

function clientAddress(event: RequestEvent): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}

export function createServerApi(event: RequestEvent) {
  const bridge = getBridge();
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
          secure: event.url.protocol === 'https:',
          expires: expiresAt,
        }),
      clear: () => event.cookies.delete(sessionCookie, { path: '/' }),
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
