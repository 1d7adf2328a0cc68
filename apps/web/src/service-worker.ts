// The service worker: keeps this build's app shell and static files in one
// versioned cache so the app opens without a network. It never stores data: the
// API, exports and every rendered page (each holds someone's applications) go to
// the network only; the person's data offline lives in IndexedDB, per user
// (src/lib/offline). SvelteKit registers this file itself (kit.serviceWorker).
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { isShellAsset, isNeverCached, SHELL_PATH } from '$lib/offline/sw-routes';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `pursuit-shell-${version}`;
/** Everything this build serves from files: hashed app code and static/. */
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...ASSETS]);
      // The shell is fetched without cookies, so it is the signed-out frame
      // with no one's data in it; the page fills it from IndexedDB.
      const shell = await fetch(SHELL_PATH, { credentials: 'omit', cache: 'no-store' });
      if (!shell.ok) throw new Error(`the offline shell answered ${shell.status}`);
      await cache.put(SHELL_PATH, shell);
      // A new version takes over at once: its shell matches the code it caches.
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || isNeverCached(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (ASSETS.has(url.pathname) || isShellAsset(url.pathname)) {
    event.respondWith(fromCache(request));
  }
  // Anything else (a signed-in download, an image of someone's) goes to the network, unstored.
});

/** Pages: the network first (fresh, signed in); without one, the cached shell. */
async function navigate(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(SHELL_PATH, { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

/** This build's files never change under their names: the cache first. */
async function fromCache(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? fetch(request);
}
