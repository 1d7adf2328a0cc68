import { error } from '@sveltejs/kit';
import { describeError } from '$lib/api/errors';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  depends(`app:resume:${params.id}`);
  if (!UUID.test(params.id)) error(404, 'There is no resume at this address.');
  try {
    return { resume: await locals.api.resume.byId.query({ id: params.id }) };
  } catch (cause) {
    if (describeError(cause).code === 'NOT_FOUND') {
      error(404, 'This resume does not exist, or it was deleted.');
    }
    throw cause;
  }
};
