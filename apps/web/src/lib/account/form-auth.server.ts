// Sign-in and sign-up without JavaScript (or before it has loaded): the form
// posts to a SvelteKit action, which calls the same procedure in-process; the
// session cookie is set through the bridge. With JavaScript the pages call the
// API themselves and these actions never run.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { describeError } from '$lib/api/errors';
import { createServerApi } from '$lib/api/bridge.server';
import { afterAuth } from './next';

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export async function signInAction(event: RequestEvent) {
  const form = await event.request.formData();
  const email = field(form, 'email');
  try {
    await createServerApi(event).auth.login.mutate({ email, password: field(form, 'password') });
  } catch (cause) {
    const error = describeError(cause);
    return fail(error.code === 'TOO_MANY_REQUESTS' ? 429 : 400, { email, message: error.message });
  }
  redirect(303, afterAuth(event.url.searchParams));
}

export async function signUpAction(event: RequestEvent) {
  const form = await event.request.formData();
  const name = field(form, 'name');
  const email = field(form, 'email');
  const invitation = event.url.searchParams.get('invite');
  try {
    await createServerApi(event).auth.register.mutate({
      name,
      email,
      password: field(form, 'password'),
      ...(invitation ? { invitation } : {}),
    });
  } catch (cause) {
    const error = describeError(cause);
    const first = Object.values(error.fieldErrors)[0]?.[0];
    return fail(400, { name, email, message: first ?? error.message });
  }
  // Signed up from an invitation: it was accepted with the account; the shared
  // board is one click away in the switcher, the own (empty) board first.
  redirect(303, '/');
}
