import { filtersFromUrl, listInput } from '$lib/board/filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:applications');
  const filters = filtersFromUrl(url);
  const { cards, truncated, access } = await locals.api.application.list.query(listInput(filters));
  return { filters, applications: cards, truncated, access };
};
