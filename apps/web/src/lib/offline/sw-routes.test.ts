import { describe, expect, it } from 'vitest';
import { routeOf } from './shell.svelte';
import { isNeverCached, isShellAsset } from './sw-routes';

describe("the service worker's shared cache", () => {
  it('never holds the API, exports, page data or calendar feeds', () => {
    for (const path of [
      '/trpc/application.list',
      '/api/v1/applications',
      '/export/pursuit-export.json',
      '/__data.json',
      '/applications/1/__data.json',
      '/calendar/abc.ics',
      '/healthz',
    ])
      expect(isNeverCached(path), path).toBe(true);
  });

  it('may hold the app shell and its files', () => {
    expect(isNeverCached('/offline')).toBe(false);
    expect(isNeverCached('/_app/immutable/entry/start.js')).toBe(false);
    expect(isShellAsset('/_app/immutable/chunks/x.js')).toBe(true);
    expect(isShellAsset('/apiary')).toBe(false);
    expect(isNeverCached('/apiary')).toBe(false);
  });
});

describe('the offline shell', () => {
  it('draws the board, application pages and the new-application form, and nothing else', () => {
    expect(routeOf('/')).toEqual({ kind: 'board' });
    expect(routeOf('/applications/0E3C1B2A-1111-4222-8333-444455556666')).toEqual({
      kind: 'application',
      id: '0e3c1b2a-1111-4222-8333-444455556666',
    });
    expect(routeOf('/applications/new')).toEqual({ kind: 'new' });
    expect(routeOf('/profile')).toBeNull();
  });
});
