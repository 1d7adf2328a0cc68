// The board's filters live in the URL (?q=, ?priority=, ?archived=1,
// ?target=<id> for "fits this target"), so a
// filtered board can be bookmarked and the server renders it directly.
import { isPriority } from '$lib/api/labels';
import type { ListFilters, Priority } from '$lib/api/types';

export interface BoardFilters {
  search: string;
  priority: Priority | null;
  includeArchived: boolean;
  /** Only cards that fit this job target (no ✗ item; issue 14). */
  target?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFromUrl(url: URL): BoardFilters {
  const priority = url.searchParams.get('priority') ?? '';
  return {
    search: (url.searchParams.get('q') ?? '').trim().slice(0, 200),
    priority: isPriority(priority) ? priority : null,
    includeArchived: url.searchParams.get('archived') === '1',
    target: UUID.test(url.searchParams.get('target') ?? '') ? url.searchParams.get('target') : null,
  };
}

export function filtersToSearch(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('q', filters.search.trim());
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.includeArchived) params.set('archived', '1');
  if (filters.target) params.set('target', filters.target);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function listInput(filters: BoardFilters): ListFilters {
  return {
    includeArchived: filters.includeArchived,
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.target ? { fitsTarget: filters.target } : {}),
  };
}

export function hasFilters(filters: BoardFilters): boolean {
  return Boolean(filters.search || filters.priority || filters.includeArchived || filters.target);
}
