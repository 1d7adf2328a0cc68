// Security headers on every response SvelteKit renders. The policy itself is
// kit.csp in svelte.config.js (SvelteKit adds the per-page nonce); this adds
// what only the running server knows, the WebSocket origin and https-only HSTS.
import type { Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';

/** One year: browsers remember to use https only, once they have seen it over https. */
const HSTS = 'max-age=31536000';

/**
 * The headers every page carries. HSTS only when the app is served over
 * https (an http LAN set-up would lock itself out); without includeSubDomains,
 * because a self-hosted app does not speak for its whole domain.
 */
export function securityHeaders(origin: URL): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    // Full address within the app; nothing at all to other sites.
    'referrer-policy': 'same-origin',
    // For browsers that predate CSP's frame-ancestors.
    'x-frame-options': 'DENY',
  };
  if (origin.protocol === 'https:') headers['strict-transport-security'] = HSTS;
  return headers;
}

/**
 * `policy` with the app's own WebSocket origin (ws: for http, wss: for https)
 * added to connect-src. 'self' covers it in current browsers, but not in all
 * that are still about; and ORIGIN is known only at run time, not at build.
 * In development Vite's hot-reload socket has its own port.
 */
export function withSocketSource(policy: string, origin: URL, options: { dev?: boolean } = {}) {
  const socket = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  const extra = options.dev ? [socket, `ws://${origin.hostname}:*`] : [socket];
  return policy
    .split(';')
    .map((part) => {
      const directive = part.trim();
      return directive.split(/\s+/)[0] === 'connect-src'
        ? `${directive} ${extra.join(' ')}`
        : directive;
    })
    .join('; ');
}

export const securityHeadersHandle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  for (const [name, value] of Object.entries(securityHeaders(event.url))) {
    response.headers.set(name, value);
  }
  const policy = response.headers.get('content-security-policy');
  if (policy) {
    response.headers.set('content-security-policy', withSocketSource(policy, event.url, { dev }));
  }
  return response;
};
