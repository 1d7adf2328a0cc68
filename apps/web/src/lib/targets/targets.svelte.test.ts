import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinList, LiveFit, LiveTargets, RELOAD_DELAY_MS, splitList } from './targets.svelte';

describe('target lists as typed', () => {
  it('splits on commas and lines, dropping blanks, and joins back', () => {
    expect(splitList('Backend engineer, Platform engineer\n\n  SRE ,')).toEqual([
      'Backend engineer',
      'Platform engineer',
      'SRE',
    ]);
    expect(joinList(['a', 'b'])).toBe('a, b');
  });
});

describe('live targets and fit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const change = (table: string, id = 'x') =>
    ({ table, op: 'update', id, row: null }) as unknown as Parameters<LiveFit['view']['apply']>[0];

  it('the fit reloads once after a burst of target changes or its own application changing', async () => {
    const load = vi.fn().mockResolvedValue([]);
    const fit = new LiveFit(
      load,
      () => 'app-1',
      () => 'me',
    );
    fit.view.apply(change('job_targets'));
    fit.view.apply(change('applications', 'app-1'));
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + 10);
    expect(load).toHaveBeenCalledTimes(1);

    fit.view.apply(change('applications', 'app-2'));
    fit.view.apply(change('comments'));
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + 10);
    expect(load).toHaveBeenCalledTimes(1);
    fit.dispose();
  });

  it('the target list reloads on target changes only, and keeps its error', async () => {
    const load = vi.fn().mockRejectedValue(new Error('offline'));
    const targets = new LiveTargets(load, () => 'me');
    targets.view.apply(change('applications'));
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + 10);
    expect(load).not.toHaveBeenCalled();
    targets.view.apply(change('job_targets'));
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + 10);
    expect(load).toHaveBeenCalledTimes(1);
    expect(targets.error).toBeTruthy();
    expect(targets.value).toEqual([]);
    targets.dispose();
  });
});
