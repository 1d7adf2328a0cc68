import { loadProfileData } from '$lib/profile/load.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:profile');
  return loadProfileData(locals.api);
};
