import type { PageServerLoad } from './$types';

// The profile, for "Start from my profile".
export const load: PageServerLoad = async ({ locals }) => {
  const api = locals.api;
  const [profile, experiences, education, certifications, skills] = await Promise.all([
    api.profile.get.query(),
    api.experience.list.query(),
    api.education.list.query(),
    api.certification.list.query(),
    api.skill.list.query(),
  ]);
  return { profileData: { profile, experiences, education, certifications, skills } };
};
