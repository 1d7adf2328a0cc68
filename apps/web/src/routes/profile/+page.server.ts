import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:profile');
  const api = locals.api;
  const [profile, experiences, education, certifications, skills] = await Promise.all([
    api.profile.get.query(),
    api.experience.list.query(),
    api.education.list.query(),
    api.certification.list.query(),
    api.skill.list.query(),
  ]);
  return { profile, experiences, education, certifications, skills };
};
