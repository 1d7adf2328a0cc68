// What an OpenAI-compatible prompt tells the model: everything the person wrote,
// as plain JSON, and the job with the language it is written in.
import { fullName, type Candidate, type JobPosting } from './candidate';
import type { Language } from './language';

function isLanguageSkill(skill: Candidate['skills'][number]): boolean {
  return skill.category?.trim().toLowerCase() === 'language';
}

/** Everything the person wrote, as plain JSON for the model. */
export function candidateFacts(candidate: Candidate) {
  return {
    name: fullName(candidate) || null,
    headline: candidate.headline ?? null,
    summary: candidate.summary ?? null,
    contact: {
      email: candidate.email ?? null,
      phone: candidate.phone ?? null,
      location: candidate.location ?? null,
    },
    yearsOfExperience: candidate.yearsOfExperience ?? null,
    skills: candidate.skills
      .filter((s) => !isLanguageSkill(s))
      .map((s) => ({
        name: s.name,
        category: s.category ?? null,
        proficiency: s.proficiency ?? null,
        years: s.years ?? null,
        keywords: s.keywords ?? [],
      })),
    languages: candidate.skills
      .filter(isLanguageSkill)
      .map((s) => ({ name: s.name, proficiency: s.proficiency ?? null, notes: s.keywords ?? [] })),
    experiences: candidate.experiences.map((e) => ({
      title: e.title,
      company: e.company,
      location: e.location ?? null,
      startDate: e.startDate ?? null,
      endDate: e.current ? 'present' : (e.endDate ?? null),
      description: e.description ?? null,
      achievements: e.achievements,
      technologies: e.technologies,
    })),
    education: candidate.education.map((e) => ({
      institution: e.institution,
      degree: e.degree ?? null,
      fieldOfStudy: e.fieldOfStudy ?? null,
      startDate: e.startDate ?? null,
      endDate: e.endDate ?? null,
      description: e.description ?? null,
      courses: e.courses ?? [],
    })),
    certifications: candidate.certifications.map((c) => ({
      name: c.name,
      issuingOrganization: c.issuingOrganization ?? null,
      issueDate: c.issueDate ?? null,
    })),
    projects: (candidate.projects ?? []).map((p) => ({
      name: p.name,
      description: p.description ?? null,
      highlights: p.highlights,
      keywords: p.keywords,
      roles: p.roles ?? [],
      startDate: p.startDate ?? null,
      endDate: p.endDate ?? null,
      url: p.url ?? null,
    })),
    notesForTheWriter: candidate.generatorContext ?? null,
  };
}

export function jobBlock(posting: JobPosting, language: Language): string {
  return [
    `Company: ${posting.company}`,
    `Role: ${posting.roleTitle}`,
    `Language of the job description: ${language.name}`,
    '',
    posting.description,
  ].join('\n');
}

export function resumeBlock(candidate: Candidate): string {
  return candidate.primaryResume?.trim()
    ? `\n\nThe candidate's primary résumé (Markdown, their own words):\n${candidate.primaryResume.trim()}`
    : '';
}
