import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
  // The header's switcher: the searches shared with me, reloaded when a share changes.
  depends('app:shares');
  const sharedWithMe = locals.user ? (await locals.api.sharing.list.query()).sharedWithMe : [];
  // After how many quiet days a card says "No reply in N days" (GHOSTED_AFTER_DAYS).
  const { ghostedAfterDays } = await locals.api.auth.config.query();
  return { user: locals.user, cursor: locals.cursor, sharedWithMe, ghostedAfterDays };
};
