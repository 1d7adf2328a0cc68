import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncChange } from '$lib/api/types';
import { LiveOffers, RELOAD_DELAY_MS } from './offers.svelte';
import { offerChangeMatters, type OfferView } from './offers';

type RowChange = Exclude<SyncChange, { op: 'resync' }>;

const shown = (id: string, applicationId: string) => ({ id, applicationId }) as OfferView;

const offerChange = (id: string, applicationId: string | null, op = 'update') =>
  ({
    table: 'offers',
    op,
    id,
    row: applicationId ? { id, applicationId, userId: 'owner' } : null,
  }) as unknown as RowChange;

const applicationChange = (id: string) =>
  ({
    table: 'applications',
    op: 'update',
    id,
    row: { id, userId: 'owner' },
  }) as unknown as RowChange;

describe('which live changes touch the offers shown', () => {
  const list = [shown('o1', 'a1')];

  it('on the compare page: any offer of the search, and the applications of offers shown', () => {
    expect(offerChangeMatters(offerChange('o2', 'a9', 'insert'), list)).toBe(true);
    expect(offerChangeMatters(applicationChange('a1'), list)).toBe(true);
    expect(offerChangeMatters(applicationChange('a2'), list)).toBe(false);
    expect(offerChangeMatters(offerChange('o1', null, 'delete'), list)).toBe(true);
    expect(offerChangeMatters(offerChange('o7', null, 'delete'), list)).toBe(false);
    expect(
      offerChangeMatters({ table: 'comments', op: 'insert', id: 'c', row: null } as never, list),
    ).toBe(false);
  });

  it('on an application: only that application’s offers', () => {
    expect(offerChangeMatters(offerChange('o2', 'a1', 'insert'), list, 'a1')).toBe(true);
    expect(offerChangeMatters(offerChange('o3', 'a2', 'insert'), list, 'a1')).toBe(false);
    expect(offerChangeMatters(applicationChange('a1'), list, 'a1')).toBe(false);
  });
});

describe('a live list of offers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads once for a burst of changes', async () => {
    const load = vi.fn(() => Promise.resolve([shown('o1', 'a1'), shown('o2', 'a1')]));
    const offers = new LiveOffers({ load }, [shown('o1', 'a1')]);
    offers.apply(offerChange('o2', 'a1', 'insert'));
    offers.apply(offerChange('o1', 'a1'));
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(load).toHaveBeenCalledTimes(1);
    expect(offers.offers.map((o) => o.id)).toEqual(['o1', 'o2']);
  });

  it('keeps what it shows and says why when a reload fails', async () => {
    const offers = new LiveOffers({ load: () => Promise.reject(new Error('down')) }, [
      shown('o1', 'a1'),
    ]);
    await offers.load();
    expect(offers.offers.map((o) => o.id)).toEqual(['o1']);
    expect(offers.error).toMatch(/Could not reach Pursuit|offline/);
  });

  it('shows a saved offer at once, in its place, and removes a deleted one', () => {
    const offers = new LiveOffers({ load: () => Promise.resolve([]) }, [
      shown('o1', 'a1'),
      shown('o2', 'a1'),
    ]);
    offers.put({ ...shown('o1', 'a1'), note: 'changed' });
    offers.put(shown('o3', 'a2'));
    expect(offers.offers.map((o) => [o.id, o.note])).toEqual([
      ['o1', 'changed'],
      ['o2', undefined],
      ['o3', undefined],
    ]);
    offers.remove('o2');
    expect(offers.offers.map((o) => o.id)).toEqual(['o1', 'o3']);
  });
});
