// Values both sides of the package boundary agree on. No imports: the web app
// may load this module (through `@pursuit/api`) without pulling in server code.

/** The session cookie's name. */
export const SESSION_COOKIE = 'pursuit_session';
/** How long a session lives without use; each use slides it forward. */
export const SESSION_DAYS = 30;
/** Where apps/server puts the SSR bridge: globalThis[Symbol.for(BRIDGE_KEY)]. */
export const BRIDGE_KEY = 'pursuit.bridge';
