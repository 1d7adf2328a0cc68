import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:resumes');
  return { resumes: await locals.api.resume.list.query() };
};
