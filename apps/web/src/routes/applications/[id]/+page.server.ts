import { error } from '@sveltejs/kit';
import { describeError } from '$lib/api/errors';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  depends(`app:application:${params.id}`);
  if (!UUID.test(params.id)) error(404, 'There is no application at this address.');
  try {
    const [application, documents] = await Promise.all([
      locals.api.application.byId.query({ id: params.id }),
      locals.api.document.forApplication.query({ applicationId: params.id }),
    ]);
    return { application, documents };
  } catch (cause) {
    if (describeError(cause).code === 'NOT_FOUND') {
      error(404, 'This application does not exist, or it was deleted.');
    }
    throw cause;
  }
};
