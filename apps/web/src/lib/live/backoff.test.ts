import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffCeiling, backoffDelay } from './backoff';

describe('reconnect backoff with jitter', () => {
  it('doubles the ceiling each attempt up to the cap', () => {
    expect(backoffCeiling(0)).toBe(BACKOFF_BASE_MS);
    expect(backoffCeiling(1)).toBe(BACKOFF_BASE_MS * 2);
    expect(backoffCeiling(3)).toBe(BACKOFF_BASE_MS * 8);
    expect(backoffCeiling(50)).toBe(BACKOFF_MAX_MS);
    expect(backoffCeiling(1e9)).toBe(BACKOFF_MAX_MS);
  });

  it('stays within [ceiling/2, ceiling] for any random value', () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const ceiling = backoffCeiling(attempt);
      for (const r of [0, 0.25, 0.5, 0.999, 1]) {
        const delay = backoffDelay(attempt, { random: () => r });
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('is never zero and never above the cap, even with a misbehaving random source', () => {
    expect(backoffDelay(0, { random: () => -5 })).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(40, { random: () => 7 })).toBe(BACKOFF_MAX_MS);
  });

  it('spreads the delays of many clients (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('honours custom base and cap', () => {
    expect(backoffDelay(10, { baseMs: 100, maxMs: 1000, random: () => 1 })).toBe(1000);
    expect(backoffDelay(0, { baseMs: 100, maxMs: 1000, random: () => 0 })).toBe(50);
  });
});
