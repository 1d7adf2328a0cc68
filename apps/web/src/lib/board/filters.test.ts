import { describe, expect, it } from 'vitest';
import { filtersFromUrl, filtersToSearch, listInput } from './filters';

describe('board filters in the URL', () => {
  it('round-trips through the query string', () => {
    const filters = filtersFromUrl(new URL('http://x/?q=%20staff%20&priority=high&archived=1'));
    expect(filters).toEqual({ search: 'staff', priority: 'high', includeArchived: true });
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
});
