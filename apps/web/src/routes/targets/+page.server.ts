import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:targets');
  return { targets: await locals.api.target.list.query() };
};
