import { isApiError } from '$lib/api/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:offers');
  // `?owner=<id>`: a search shared with the caller; their own by default.
  const owner = url.searchParams.get('owner');
  const ownerId = owner && owner !== locals.user?.id ? owner : undefined;
  try {
    const { offers, truncated, access } = await locals.api.offer.list.query({ ownerId });
    return { ended: false, offers, truncated, access };
  } catch (error) {
    // No grant (never, or revoked since), or an id that is no id: nothing to show.
    const code = isApiError(error) ? error.data?.code : null;
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
      return { ended: true, offers: [], truncated: false, access: null };
    }
    throw error;
  }
};
