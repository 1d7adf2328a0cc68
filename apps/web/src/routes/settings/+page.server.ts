import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  settings: await locals.api.document.settings.query(),
});
