import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:shares');
  depends('app:applications');
  return { overview: await locals.api.sharing.overview.query() };
};
