// What is kept in the browser to open without a network: who was signed in,
// their own board's cards, and the applications (with documents) they opened
// recently, each stamped with when it came from the server. Keyed by user id;
// signing out deletes that user's records.
import type { ApplicationDetail, BoardAccess, Card, DocumentsOfApplication } from '$lib/api/types';
import { allOf, available, clearUser, get, put, remove, transact, settle } from './idb';

/** How many recently opened applications are kept per person. */
export const RECENT_LIMIT = 30;

export interface CachedBoard {
  userId: string;
  cards: Card[];
  access: BoardAccess;
  targets: { id: string; name: string; active: boolean }[];
  syncedAt: number;
}

export interface CachedApplication {
  userId: string;
  id: string;
  application: ApplicationDetail;
  documents: DocumentsOfApplication | null;
  syncedAt: number;
  openedAt: number;
}

interface SessionRecord {
  userId: string;
}

/** Runs a cache write; the app works on without the cache (private mode, quota), so failures are logged only. */
export async function quietly<T>(work: () => Promise<T>): Promise<T | undefined> {
  if (!available()) return undefined;
  try {
    return await work();
  } catch (error) {
    console.warn('offline cache:', error);
    return undefined;
  }
}

export async function currentUser(): Promise<string | null> {
  return (await get<SessionRecord>('session', 'current'))?.userId ?? null;
}

export function setCurrentUser(userId: string): Promise<void> {
  return put('session', { userId } satisfies SessionRecord, 'current');
}

/** Signing out: this user's records go, and nobody is "current" any more. */
export async function forgetUser(userId: string): Promise<void> {
  await clearUser(userId);
  if ((await currentUser()) === userId) await remove('session', 'current');
}

export function saveBoard(
  board: Omit<CachedBoard, 'syncedAt'>,
  syncedAt = Date.now(),
): Promise<void> {
  // $state proxies cannot be cloned into IndexedDB: store plain copies.
  return put('boards', toPlain({ ...board, syncedAt }));
}

export function loadBoard(userId: string): Promise<CachedBoard | undefined> {
  return get<CachedBoard>('boards', userId);
}

/** Keeps an opened application, dropping the least recently opened past RECENT_LIMIT. */
export async function saveApplication(
  record: Omit<CachedApplication, 'openedAt' | 'syncedAt'>,
  now = Date.now(),
): Promise<void> {
  await transact('applications', 'readwrite', async (tx) => {
    const store = tx.objectStore('applications');
    const previous = (await settle(store.get([record.userId, record.id]))) as
      CachedApplication | undefined;
    await settle(
      store.put(toPlain({ ...record, syncedAt: now, openedAt: previous?.openedAt ?? now })),
    );
  });
  const all = await allOf<CachedApplication>('applications', record.userId);
  const stale = all.sort((a, b) => b.openedAt - a.openedAt).slice(RECENT_LIMIT);
  for (const old of stale) await remove('applications', [old.userId, old.id]);
}

/** Marks an application as just opened (it stays among the recent ones). */
export async function touchApplication(
  userId: string,
  id: string,
  now = Date.now(),
): Promise<void> {
  const record = await loadApplication(userId, id);
  if (record) await put('applications', { ...record, openedAt: now });
}

export function loadApplication(
  userId: string,
  id: string,
): Promise<CachedApplication | undefined> {
  return get<CachedApplication>('applications', [userId, id]);
}

/** A deep plain copy (no Svelte proxies), keeping Dates, as IndexedDB stores it. */
function toPlain<T>(value: T): T {
  return structuredClone(unproxy(value));
}

function unproxy<T>(value: T): T {
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => unproxy(item)) as T;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, unproxy(item)]),
  ) as T;
}
