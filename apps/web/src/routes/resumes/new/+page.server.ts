import { loadProfileData } from '$lib/profile/load.server';
import type { PageServerLoad } from './$types';

// The profile, for "Start from my profile".
export const load: PageServerLoad = async ({ locals }) => ({
  profileData: await loadProfileData(locals.api),
});
