import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TypingSignal } from './presence.svelte';

describe('the typing signal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says "typing" once at the first key, not at every key', () => {
    const send = vi.fn();
    const signal = new TypingSignal(send);
    signal.input();
    signal.input();
    signal.input();
    expect(send.mock.calls).toEqual([[true]]);
  });

  it('stops after 4 s without a key', () => {
    const send = vi.fn();
    const signal = new TypingSignal(send);
    signal.input();
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    signal.input();
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(send.mock.calls).toEqual([[true]]);
    vi.advanceTimersByTime(1);
    expect(send.mock.calls).toEqual([[true], [false]]);
  });

  it('stops at once when the comment is sent, and only once', () => {
    const send = vi.fn();
    const signal = new TypingSignal(send);
    signal.input();
    signal.stop();
    signal.stop();
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(send.mock.calls).toEqual([[true], [false]]);
  });

  it('says it again now and then during a long stretch of typing', () => {
    const send = vi.fn();
    const signal = new TypingSignal(send);
    for (let second = 0; second <= 16; second += 1) {
      signal.input();
      vi.advanceTimersByTime(1000);
    }
    expect(send.mock.calls.filter(([typing]) => typing)).toHaveLength(2);
  });
});
