import { describe, expect, it } from 'vitest';
import { filtersFromUrl, filtersToSearch, listInput } from './filters';

describe('board filters in the URL', () => {
  it('round-trips through the query string', () => {
    const filters = filtersFromUrl(new URL('http://x/?q=%20staff%20&priority=high&archived=1'));
    expect(filters).toEqual({
      search: 'staff',
      priority: 'high',
      includeArchived: true,
      target: null,
    });
    expect(filtersToSearch(filters)).toBe('?q=staff&priority=high&archived=1');
    expect(listInput(filters)).toEqual({
      includeArchived: true,
      search: 'staff',
      priority: 'high',
    });
  });
  it('ignores an unknown priority and sends no empty search', () => {
    const filters = filtersFromUrl(new URL('http://x/?priority=urgent'));
    expect(filters.priority).toBeNull();
    expect(listInput(filters)).toEqual({ includeArchived: false });
    expect(filtersToSearch(filters)).toBe('');
  });
  it('keeps a target id as "fits this target", and ignores one that is no id', () => {
    const id = '0b9f4b8e-3f7a-4c1e-9d2a-5e6f7a8b9c0d';
    const filters = filtersFromUrl(new URL(`http://x/?target=${id}`));
    expect(filters.target).toBe(id);
    expect(listInput(filters)).toEqual({ includeArchived: false, fitsTarget: id });
    expect(filtersToSearch(filters)).toBe(`?target=${id}`);
    expect(filtersFromUrl(new URL('http://x/?target=nope')).target).toBeNull();
  });
});
