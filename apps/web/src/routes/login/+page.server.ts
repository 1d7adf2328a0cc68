import { signInAction } from '$lib/account/form-auth.server';
import type { Actions, PageServerLoad } from './$types';

/** The instance's sign-up mode decides whether (and how) the page offers sign-up. */
export const load: PageServerLoad = async ({ locals }) => ({
  signup: (await locals.api.auth.config.query()).signup,
});

export const actions: Actions = { default: signInAction };
