import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:admin');
  if (locals.user?.role !== 'admin') error(404, 'This page does not exist.');
  return { accounts: await locals.api.admin.accounts.query() };
};
