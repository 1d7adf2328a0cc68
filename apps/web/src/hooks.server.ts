// Every page request: build the in-process API client from the request's
// cookie, resolve the signed-in user, and keep signed-out visitors on the
// sign-in pages.
import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { afterAuth } from '$lib/account/next';
import { createServerApi } from '$lib/api/bridge.server';
import { isApiError } from '$lib/api/errors';
import { securityHeadersHandle } from '$lib/security-headers.server';

const PUBLIC_PATHS = ['/login', '/signup'];
/**
 * Open to everyone, signed in or not: an invitation link is previewed before an
 * account exists; /offline is the service worker's shell, fetched without cookies.
 */
const OPEN_PATHS = ['/invite', '/offline'];

const under = (pathname: string, paths: readonly string[]) =>
  paths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

function isPublic(pathname: string): boolean {
  return under(pathname, PUBLIC_PATHS);
}

async function readCursor(api: App.Locals['api']): Promise<string | null> {
  try {
    return (await api.sync.cursor.query()).eventId;
  } catch {
    // No live feed on this server (some test set-ups): the tab resumes from its own last id.
    return null;
  }
}

const authenticate: Handle = async ({ event, resolve }) => {
  event.locals.api = createServerApi(event);
  event.locals.user = await event.locals.api.auth.me.query();
  // Read before any page data, so subscribing from it misses nothing loaded after.
  event.locals.cursor = event.locals.user ? await readCursor(event.locals.api) : null;

  const { pathname, search } = event.url;
  if (!event.locals.user && !isPublic(pathname) && !under(pathname, OPEN_PATHS)) {
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    redirect(303, `/login${next}`);
  }
  if (event.locals.user && isPublic(pathname)) {
    redirect(303, afterAuth(event.url.searchParams));
  }

  return resolve(event);
};

// Security headers wrap everything, so they reach every page the app renders.
export const handle = sequence(securityHeadersHandle, authenticate);

export const handleError: HandleServerError = ({ error, status, message }) => {
  if (isApiError(error)) {
    return { message: error.message, code: error.data?.code };
  }
  if (status >= 500) console.error(error);
  // A developer running `vite dev` alone should see why nothing works.
  if (error instanceof Error && error.message.startsWith('The Pursuit API bridge is missing')) {
    return { message: error.message };
  }
  return { message: status === 404 ? 'This page does not exist.' : message };
};
