// The whole profile in one round of parallel queries, for the pages that need
// it server-side: the profile page, and "start from my profile" on a new resume.
import type { ServerApi } from '$lib/api/bridge.server';
import type { ProfileData } from './profile';

export async function loadProfileData(api: ServerApi): Promise<ProfileData> {
  const [profile, experiences, education, certifications, projects, skills] = await Promise.all([
    api.profile.get.query(),
    api.experience.list.query(),
    api.education.list.query(),
    api.certification.list.query(),
    api.project.list.query(),
    api.skill.list.query(),
  ]);
  return { profile, experiences, education, certifications, projects, skills };
}
