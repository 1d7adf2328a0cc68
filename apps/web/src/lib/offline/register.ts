// The app registers its service worker itself (kit.serviceWorker.register is
// off in svelte.config.js). SvelteKit's own start-up script registers it on
// the load event, and installing it fetches and caches the whole build while
// the board is still hydrating: on this 2-core machine bench:web measured a
// cold load until live at 3.0–4.5 s with that, 2.5 s without. So it waits
// until the page is ready (live, for a signed-in page) and the browser idle.
import { dev } from '$app/environment';

/** However long the page takes to be ready, the worker is registered by then. */
const LATEST_MS = 10_000;
/** How long the browser may wait for an idle moment once the page is ready. */
const IDLE_TIMEOUT_MS = 2_000;

let scheduled = false;

/** Registers the service worker once, at the browser's next idle moment. */
export function registerServiceWorkerWhenIdle(): void {
  if (scheduled || !('serviceWorker' in navigator)) return;
  scheduled = true;
  const register = () => {
    // SvelteKit builds it as a classic script; in dev it is served as a module.
    navigator.serviceWorker
      .register('/service-worker.js', { type: dev ? 'module' : 'classic' })
      .catch((error: unknown) => console.warn('The offline copy is unavailable:', error));
  };
  // Safari has no requestIdleCallback.
  if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(register, 0);
}

/** The latest moment to register, should the page never become ready. */
export function registerServiceWorkerLater(): () => void {
  const timer = setTimeout(registerServiceWorkerWhenIdle, LATEST_MS);
  return () => clearTimeout(timer);
}
