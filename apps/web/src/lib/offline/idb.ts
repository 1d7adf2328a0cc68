// The browser database behind offline use, opened once, with small promise
// wrappers over IndexedDB requests. Plain IndexedDB: the few calls needed do
// not justify a dependency. Every record carries the signed-in user's id, so
// one person's data is never read as another's (stores are keyed by it).

const NAME = 'pursuit-offline';
const VERSION = 1;

export type StoreName = 'session' | 'boards' | 'applications' | 'outbox' | 'conflicts' | 'created';

/** Stores holding one user's records, each with a `userId` index (cleared on sign-out). */
export const USER_STORES = ['boards', 'applications', 'outbox', 'conflicts', 'created'] as const;

let opening: Promise<IDBDatabase> | null = null;

export function available(): boolean {
  return typeof indexedDB !== 'undefined';
}

export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      // Who was signed in last: the offline shell has no cookie to ask.
      db.createObjectStore('session');
      // The own board's cards as last synced, one record per user.
      db.createObjectStore('boards', { keyPath: 'userId' }).createIndex('userId', 'userId');
      // Applications (with documents) opened recently.
      db.createObjectStore('applications', { keyPath: ['userId', 'id'] }).createIndex(
        'userId',
        'userId',
      );
      // Changes waiting for the network, in the order they were made.
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex(
        'userId',
        'userId',
      );
      // Fields a replay found changed elsewhere too: waiting for the person's choice.
      db.createObjectStore('conflicts', {
        keyPath: ['userId', 'applicationId', 'field'],
      }).createIndex('userId', 'userId');
      // Client id → created row, for applications created offline.
      db.createObjectStore('created', { keyPath: ['userId', 'clientId'] }).createIndex(
        'userId',
        'userId',
      );
    };
    // Another tab opening a newer version asks this one to let go.
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opening;
}

export function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/**
 * Runs `work` in one transaction over `stores` and resolves with its result
 * once the transaction has committed (so a reload right after sees it).
 */
export async function transact<T>(
  stores: StoreName | StoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(stores, mode);
  const committed = done(tx);
  try {
    const result = await work(tx);
    await committed;
    return result;
  } catch (error) {
    // Nothing half-written: undo what `work` did before it failed.
    committed.catch(() => {});
    try {
      tx.abort();
    } catch {
      // It had already finished.
    }
    throw error;
  }
}

export function get<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return transact(store, 'readonly', (tx) =>
    settle(tx.objectStore(store).get(key) as IDBRequest<T | undefined>),
  );
}

export function put(store: StoreName, value: unknown, key?: IDBValidKey): Promise<void> {
  return transact(store, 'readwrite', async (tx) => {
    await settle(tx.objectStore(store).put(value, key));
  });
}

export function remove(store: StoreName, key: IDBValidKey): Promise<void> {
  return transact(store, 'readwrite', async (tx) => {
    await settle(tx.objectStore(store).delete(key));
  });
}

/** Every record of one user in `store`, in key order. */
export function allOf<T>(store: StoreName, userId: string): Promise<T[]> {
  return transact(store, 'readonly', (tx) =>
    settle(tx.objectStore(store).index('userId').getAll(userId) as IDBRequest<T[]>),
  );
}

/** Deletes every record of one user from `stores` (in one transaction). */
export function clearUser(
  userId: string,
  stores: readonly StoreName[] = USER_STORES,
): Promise<void> {
  return transact([...stores], 'readwrite', async (tx) => {
    for (const name of stores) {
      const keys = await settle(tx.objectStore(name).index('userId').getAllKeys(userId));
      await Promise.all(keys.map((key) => settle(tx.objectStore(name).delete(key))));
    }
  });
}
