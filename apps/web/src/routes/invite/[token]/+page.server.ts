import { isApiError } from '$lib/api/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    const preview = await locals.api.sharing.preview.query({ token: params.token });
    return { token: params.token, preview };
  } catch (error) {
    // Unknown or cancelled: the page says so rather than failing.
    if (isApiError(error) && error.data?.code === 'NOT_FOUND') {
      return { token: params.token, preview: null };
    }
    throw error;
  }
};
