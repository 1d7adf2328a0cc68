// The part of a person's data that JSON Resume carries, as Pursuit stores it,
// and how to read it for one user. The JSON Resume mapping works on this.
import { eq } from 'drizzle-orm';
import {
  certifications,
  education,
  profiles,
  projects,
  workExperiences,
  type Certification,
  type Education,
  type Profile,
  type Project,
  type Skill,
  type Tx,
  type WorkExperience,
} from '@pursuit/db';
import { listEntries } from '../../services/profile-entries';
import { listSkills } from '../../services/skill';

export type BasicsData = Pick<
  Profile,
  'firstName' | 'lastName' | 'headline' | 'summary' | 'email' | 'phone' | 'location' | 'links'
>;
export type WorkData = Pick<
  WorkExperience,
  | 'company'
  | 'title'
  | 'location'
  | 'startDate'
  | 'endDate'
  | 'isCurrent'
  | 'description'
  | 'achievements'
  | 'technologies'
>;
export type EducationData = Pick<
  Education,
  'institution' | 'degree' | 'fieldOfStudy' | 'startDate' | 'endDate' | 'description' | 'courses'
>;
export type CertificationData = Pick<
  Certification,
  'name' | 'issuingOrganization' | 'issueDate' | 'expiryDate' | 'credentialId' | 'url'
>;
export type ProjectData = Pick<
  Project,
  'name' | 'description' | 'highlights' | 'keywords' | 'roles' | 'url' | 'startDate' | 'endDate'
>;
export type SkillData = Pick<
  Skill,
  'name' | 'category' | 'proficiency' | 'years' | 'isPrimary' | 'keywords'
>;

/** Stored rows carry their id (so an import can update them); parsed ones do not. */
type Stored<T> = T & { id?: string };

export interface ResumeData {
  basics: BasicsData;
  work: Stored<WorkData>[];
  education: Stored<EducationData>[];
  certifications: Stored<CertificationData>[];
  projects: Stored<ProjectData>[];
  skills: Stored<SkillData>[];
}

/** The fields each section carries, in the order a file and the editor list them. */
export const WORK_FIELDS = [
  'company',
  'title',
  'location',
  'startDate',
  'endDate',
  'isCurrent',
  'description',
  'achievements',
  'technologies',
] as const satisfies readonly (keyof WorkData)[];
export const EDUCATION_FIELDS = [
  'institution',
  'degree',
  'fieldOfStudy',
  'startDate',
  'endDate',
  'description',
  'courses',
] as const satisfies readonly (keyof EducationData)[];
export const CERTIFICATION_FIELDS = [
  'name',
  'issuingOrganization',
  'issueDate',
  'expiryDate',
  'credentialId',
  'url',
] as const satisfies readonly (keyof CertificationData)[];
export const PROJECT_FIELDS = [
  'name',
  'description',
  'highlights',
  'keywords',
  'roles',
  'url',
  'startDate',
  'endDate',
] as const satisfies readonly (keyof ProjectData)[];
export const SKILL_FIELDS = [
  'name',
  'category',
  'proficiency',
  'years',
  'isPrimary',
  'keywords',
] as const satisfies readonly (keyof SkillData)[];

export const BASICS_FIELDS = [
  'firstName',
  'lastName',
  'headline',
  'summary',
  'email',
  'phone',
  'location',
  'links',
] as const satisfies readonly (keyof BasicsData)[];

/** What the stored rows say, in display order (the order an export lists them). */
export async function readResumeData(tx: Tx, userId: string): Promise<ResumeData> {
  const [profile] = await tx.select().from(profiles).where(eq(profiles.userId, userId));
  const work = await listEntries(tx, workExperiences, userId);
  const schools = await listEntries(tx, education, userId);
  const certificates = await listEntries(tx, certifications, userId);
  const projectRows = await listEntries(tx, projects, userId);
  const skillRows = await listSkills(tx, userId);
  return {
    basics: {
      firstName: profile?.firstName ?? null,
      lastName: profile?.lastName ?? null,
      headline: profile?.headline ?? null,
      summary: profile?.summary ?? null,
      email: profile?.email ?? null,
      phone: profile?.phone ?? null,
      location: profile?.location ?? null,
      links: profile?.links ?? [],
    },
    work,
    education: schools,
    certifications: certificates,
    projects: projectRows,
    skills: skillRows,
  };
}
