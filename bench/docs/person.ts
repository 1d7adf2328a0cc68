// The person of the documents benchmark, made as a browser would: signed up over
// HTTP, profile filled in from a fixture, the application added; and a second session.
import { mutation, sessionCookie } from '../lib/trpc';
import type { Fixture } from './pure';

const PASSWORD = 'bench correct horse battery';

/** Signs up, fills in the profile from a fixture's strong profile, adds the application. */
export async function preparePerson(base: string, fixture: Fixture) {
  const email = `bench-docs-${Date.now()}@example.com`;
  const { setCookie } = await mutation(base, 'auth.register', {
    email,
    password: PASSWORD,
    name: 'Bench Docs',
  });
  const cookie = sessionCookie(setCookie, 'auth.register');
  const p = fixture.profiles.strong;
  await mutation(
    base,
    'profile.update',
    {
      firstName: p.firstName ?? null,
      lastName: p.lastName ?? null,
      headline: p.headline ?? null,
      summary: p.summary ?? null,
      location: p.location ?? null,
      yearsOfExperience: p.yearsOfExperience ?? null,
    },
    cookie,
  );
  for (const skill of p.skills) {
    await mutation(
      base,
      'skill.create',
      {
        name: skill.name,
        ...(skill.category ? { category: skill.category } : {}),
        proficiency: skill.proficiency ?? null,
        years: skill.years ?? null,
      },
      cookie,
    );
  }
  for (const e of p.experiences) {
    await mutation(
      base,
      'experience.create',
      {
        company: e.company,
        title: e.title,
        location: e.location ?? null,
        startDate: e.startDate ?? null,
        endDate: e.current ? null : (e.endDate ?? null),
        isCurrent: e.current ?? false,
        description: e.description ?? null,
        achievements: e.achievements,
        technologies: e.technologies,
      },
      cookie,
    );
  }
  if (p.primaryResume) {
    await mutation(
      base,
      'resume.create',
      { name: 'Primary', content: p.primaryResume, isPrimary: true },
      cookie,
    );
  }
  const { data: application } = await mutation<{ id: string }>(
    base,
    'application.create',
    {
      companyName: fixture.job.company,
      roleTitle: fixture.job.roleTitle,
      jobDescription: fixture.job.description,
    },
    cookie,
  );
  return {
    email,
    cookie,
    applicationId: application.id,
    skills: p.skills.length,
    experiences: p.experiences.length,
    resume: Boolean(p.primaryResume),
  };
}

/** A second session of the same person (another device), by signing in. */
export async function signIn(base: string, email: string): Promise<string> {
  const { setCookie } = await mutation(base, 'auth.login', { email, password: PASSWORD });
  return sessionCookie(setCookie, 'auth.login');
}
