import { redirect } from '@sveltejs/kit';
import { isApiError } from '$lib/api/errors';
import { filtersFromUrl, listInput } from '$lib/board/filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('app:applications');
  if (params.ownerId === locals.user?.id) redirect(303, '/');
  const filters = filtersFromUrl(url);
  try {
    const targets = await locals.api.target.list.query({ ownerId: params.ownerId });
    const { cards, truncated, access } = await locals.api.application.list.query({
      ...listInput(filters),
      ownerId: params.ownerId,
    });
    return { ended: false, filters, applications: cards, truncated, access, targets };
  } catch (error) {
    // No grant (never, or revoked since): the page says access has ended.
    if (isApiError(error) && error.data?.code === 'NOT_FOUND') {
      return {
        ended: true,
        filters,
        applications: [],
        truncated: false,
        access: undefined,
        targets: [],
      };
    }
    throw error;
  }
};
