import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:sessions');
  depends('app:tokens');
  const [sessions, tokens] = await Promise.all([
    locals.api.auth.sessions.query(),
    locals.api.token.list.query(),
  ]);
  // This device first, then the others by last activity (the API's order).
  return {
    sessions: [...sessions].sort((a, b) => Number(b.current) - Number(a.current)),
    tokens,
  };
};
