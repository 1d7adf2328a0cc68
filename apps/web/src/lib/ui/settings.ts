// Small preferences remembered in this browser (theme, collapsed columns, …).
// localStorage throws in some private modes and when storage is blocked; then a
// preference simply lasts for this page, so every access is guarded here once.

/** The stored string, or null when absent or storage is unavailable. */
export function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` under `key`; null removes it. Unavailable storage is ignored. */
export function writeSetting(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private mode or blocked storage: the preference lasts for this page only.
  }
}

/** The stored JSON value, or undefined when absent, unreadable or not JSON. */
export function readJsonSetting(key: string): unknown {
  const raw = readSetting(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function writeJsonSetting(key: string, value: unknown): void {
  writeSetting(key, JSON.stringify(value));
}
