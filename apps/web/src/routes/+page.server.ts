import { isApiError } from '$lib/api/errors';
import { filtersFromUrl, listInput } from '$lib/board/filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:applications');
  const filters = filtersFromUrl(url);
  const targets = await locals.api.target.list.query();
  try {
    const { cards, truncated, access } = await locals.api.application.list.query(
      listInput(filters),
    );
    return { filters, applications: cards, truncated, access, targets };
  } catch (error) {
    // A ?target= that is gone (deleted in another tab): the board without it.
    if (!filters.target || !isApiError(error) || error.data?.code !== 'NOT_FOUND') throw error;
    const unfiltered = { ...filters, target: null };
    const { cards, truncated, access } = await locals.api.application.list.query(
      listInput(unfiltered),
    );
    return { filters: unfiltered, applications: cards, truncated, access, targets };
  }
};
