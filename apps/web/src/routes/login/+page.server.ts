import { signInAction } from '$lib/server/form-auth';
import type { Actions } from './$types';

export const actions: Actions = { default: signInAction };
