// Loads what the generators know about a person from their own rows: profile,
// skills (with keywords), experience, education (with courses),
// certifications, projects and the primary resume. Every read names `userId`:
// under a grantee's RLS the tables also hold the searches shared with them, and
// a document for a shared search is written from its owner's profile. The
// follow-up email also reads the one application's contacts and interviews.
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import {
  applications,
  certifications,
  contacts,
  education,
  interviews,
  profiles,
  projects,
  resumes,
  skills,
  workExperiences,
  type Tx,
} from '@pursuit/db';
import type { Candidate, FollowUpFacts } from '../generate/candidate';

export async function loadCandidate(tx: Tx, userId: string): Promise<Candidate> {
  const [profile] = await tx.select().from(profiles).where(eq(profiles.userId, userId));
  const [skillRows, experienceRows, educationRows, certificationRows, projectRows, resumeRows] =
    await Promise.all([
      tx
        .select()
        .from(skills)
        .where(eq(skills.userId, userId))
        .orderBy(desc(skills.isPrimary), asc(skills.name)),
      tx
        .select()
        .from(workExperiences)
        .where(eq(workExperiences.userId, userId))
        .orderBy(asc(workExperiences.position), desc(workExperiences.startDate)),
      tx
        .select()
        .from(education)
        .where(eq(education.userId, userId))
        .orderBy(asc(education.position)),
      tx
        .select()
        .from(certifications)
        .where(eq(certifications.userId, userId))
        .orderBy(asc(certifications.position)),
      tx
        .select()
        .from(projects)
        .where(eq(projects.userId, userId))
        .orderBy(asc(projects.position), asc(projects.createdAt)),
      tx
        .select({ content: resumes.content })
        .from(resumes)
        .where(eq(resumes.userId, userId))
        .orderBy(desc(resumes.isPrimary), desc(resumes.updatedAt))
        .limit(1),
    ]);
  return {
    firstName: profile?.firstName,
    lastName: profile?.lastName,
    headline: profile?.headline,
    summary: profile?.summary,
    email: profile?.email,
    phone: profile?.phone,
    location: profile?.location,
    yearsOfExperience: profile?.yearsOfExperience,
    generatorContext: profile?.generatorContext,
    skills: skillRows.map((s) => ({
      name: s.name,
      category: s.category,
      proficiency: s.proficiency,
      years: s.years,
      keywords: s.keywords,
    })),
    experiences: experienceRows.map((e) => ({
      company: e.company,
      title: e.title,
      location: e.location,
      startDate: e.startDate,
      endDate: e.endDate,
      current: e.isCurrent,
      description: e.description,
      achievements: e.achievements,
      technologies: e.technologies,
    })),
    education: educationRows.map((e) => ({
      institution: e.institution,
      degree: e.degree,
      fieldOfStudy: e.fieldOfStudy,
      startDate: e.startDate,
      endDate: e.endDate,
      description: e.description,
      courses: e.courses,
    })),
    certifications: certificationRows.map((c) => ({
      name: c.name,
      issuingOrganization: c.issuingOrganization,
      issueDate: c.issueDate,
    })),
    projects: projectRows.map((p) => ({
      name: p.name,
      description: p.description,
      highlights: p.highlights,
      keywords: p.keywords,
      roles: p.roles,
      startDate: p.startDate,
      endDate: p.endDate,
      url: p.url,
    })),
    primaryResume: resumeRows[0]?.content ?? null,
  };
}

/**
 * What a follow-up email refers to, for this application only: when the
 * person applied, its contacts (oldest first) and the latest interview that
 * has taken place by `now`.
 */
export async function loadFollowUpFacts(
  tx: Tx,
  applicationId: string,
  now: Date = new Date(),
): Promise<FollowUpFacts> {
  const [[application], contactRows, [interview]] = await Promise.all([
    tx
      .select({ appliedAt: applications.appliedAt })
      .from(applications)
      .where(eq(applications.id, applicationId)),
    tx
      .select({ name: contacts.name, role: contacts.role, email: contacts.email })
      .from(contacts)
      .where(eq(contacts.applicationId, applicationId))
      .orderBy(asc(contacts.createdAt), asc(contacts.id)),
    tx
      .select({ kind: interviews.kind, scheduledAt: interviews.scheduledAt })
      .from(interviews)
      .where(and(eq(interviews.applicationId, applicationId), lte(interviews.scheduledAt, now)))
      .orderBy(desc(interviews.scheduledAt))
      .limit(1),
  ]);
  return {
    appliedAt: application?.appliedAt ?? null,
    now,
    contacts: contactRows,
    lastInterview: interview ?? null,
  };
}
