// Reconnect delays for the WebSocket: exponential, capped, with "equal
// jitter" so a server restart is not met by every tab at the same instant.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/** The ceiling for attempt `attempt` (0-based): base·2^attempt, capped. */
export function backoffCeiling(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const max = options.maxMs ?? BACKOFF_MAX_MS;
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  return Math.min(max, base * 2 ** exponent);
}

/** A delay in [ceiling/2, ceiling]: never zero, never above the cap. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const ceiling = backoffCeiling(attempt, options);
  const random = options.random ?? Math.random;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + r * (ceiling / 2));
}
