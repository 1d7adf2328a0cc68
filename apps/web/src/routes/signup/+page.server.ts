import { signUpAction } from '$lib/account/form-auth.server';
import type { Actions } from './$types';

export const actions: Actions = { default: signUpAction };
