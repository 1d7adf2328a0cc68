import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [settings, account, calendar] = await Promise.all([
    locals.api.document.settings.query(),
    locals.api.account.me.query(),
    locals.api.calendar.status.query(),
  ]);
  return { settings, account, calendar };
};
