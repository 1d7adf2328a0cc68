// Values both sides of the package boundary agree on. No imports: the web app
// may load this module (through `@pursuit/api`) without pulling in server code.

/** The session cookie's name on a plain-http origin (local use). */
export const SESSION_COOKIE = 'pursuit_session';
/**
 * Its name on an https origin: the __Host- prefix makes the browser refuse it
 * unless Secure, Path=/ and without Domain, so no subdomain or plain-http page
 * can plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = '__Host-pursuit_session';
/**
 * The request header apps/server sets (always overwriting what a client sent)
 * to the client address it resolved with TRUST_PROXY, for the SvelteKit side.
 */
export const CLIENT_ADDRESS_HEADER = 'x-pursuit-client-address';
/** How long a session lives without use; each use slides it forward. */
export const SESSION_DAYS = 30;
/** Where apps/server puts the SSR bridge: globalThis[Symbol.for(BRIDGE_KEY)]. */
export const BRIDGE_KEY = 'pursuit.bridge';
