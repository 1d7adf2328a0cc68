import { isApiError } from '$lib/api/errors';
import { signUpAction } from '$lib/account/form-auth.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * The sign-up mode, and the invitation this sign-up comes from (if any), so
 * the page can say whose search the new account joins, or why it cannot.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { signup } = await locals.api.auth.config.query();
  const invite = url.searchParams.get('invite');
  let invitation = null;
  if (invite) {
    try {
      invitation = await locals.api.sharing.preview.query({ token: invite });
    } catch (error) {
      if (!isApiError(error) || error.data?.code !== 'NOT_FOUND') throw error;
    }
  }
  return { signup, invite, invitation };
};

export const actions: Actions = { default: signUpAction };
