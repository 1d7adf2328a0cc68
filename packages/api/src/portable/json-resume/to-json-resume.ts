// Pursuit → JSON Resume v1. Fields the schema has no place for travel as extra
// properties (the schema allows them): work technologies, education
// description, certificate expiryDate and credentialId, skill category, years
// and primary. Empty values are left out, and every list section is present
// (possibly empty) so importing with "replace" mirrors the exported profile.
import type { ResumeData } from './model';
import {
  compact,
  JSON_RESUME_SCHEMA_URL,
  joinName,
  linksToJson,
  proficiencyToLevel,
  textToLocation,
} from './mapping';

export interface JsonResumeDocument {
  $schema: string;
  basics: Record<string, unknown>;
  work: Record<string, unknown>[];
  education: Record<string, unknown>[];
  certificates: Record<string, unknown>[];
  skills: Record<string, unknown>[];
  projects: Record<string, unknown>[];
}

export function toJsonResume(data: ResumeData): JsonResumeDocument {
  const { basics } = data;
  const { url, profiles } = linksToJson(basics.links);
  return {
    $schema: JSON_RESUME_SCHEMA_URL,
    basics: compact({
      name: joinName(basics.firstName, basics.lastName),
      label: basics.headline,
      email: basics.email,
      phone: basics.phone,
      url,
      summary: basics.summary,
      location: textToLocation(basics.location),
      profiles,
    }),
    work: data.work.map((job) =>
      compact({
        name: job.company,
        position: job.title,
        location: job.location,
        startDate: job.startDate,
        endDate: job.isCurrent ? null : job.endDate,
        summary: job.description,
        highlights: job.achievements,
        technologies: job.technologies,
      }),
    ),
    education: data.education.map((school) =>
      compact({
        institution: school.institution,
        studyType: school.degree,
        area: school.fieldOfStudy,
        startDate: school.startDate,
        endDate: school.endDate,
        description: school.description,
        courses: school.courses,
      }),
    ),
    certificates: data.certifications.map((certificate) =>
      compact({
        name: certificate.name,
        issuer: certificate.issuingOrganization,
        date: certificate.issueDate,
        url: certificate.url,
        expiryDate: certificate.expiryDate,
        credentialId: certificate.credentialId,
      }),
    ),
    skills: data.skills.map((skill) =>
      compact({
        name: skill.name,
        level: proficiencyToLevel(skill.proficiency),
        keywords: skill.keywords,
        category: skill.category,
        years: skill.years,
        primary: skill.isPrimary ? true : undefined,
      }),
    ),
    projects: data.projects.map((project) =>
      compact({
        name: project.name,
        description: project.description,
        highlights: project.highlights,
        keywords: project.keywords,
        startDate: project.startDate,
        endDate: project.endDate,
        url: project.url,
        roles: project.roles,
      }),
    ),
  };
}
