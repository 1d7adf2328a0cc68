// Which requests the service worker may answer from its cache, as plain
// functions so the rule "no one's data in the shared cache" is tested directly.

/** The signed-out page the service worker serves for any page it cannot fetch. */
export const SHELL_PATH = '/offline';

/** The API, exports, data endpoints and health checks: always the network, never stored. */
const NEVER = ['/trpc', '/api', '/export', '/healthz', '/calendar'];

export function isNeverCached(pathname: string): boolean {
  if (pathname.endsWith('/__data.json')) return true;
  return NEVER.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * SvelteKit's hashed build output: also answered from the cache by its path
 * even when the service worker's list predates it (it cannot change content).
 */
export function isShellAsset(pathname: string): boolean {
  return pathname.startsWith('/_app/immutable/');
}
