// What the generators know about the person: their profile, skills (with
// keywords; languages are skills of category 'language'), experience,
// education (with courses), certifications, projects and primary resume. A plain shape,
// filled from the database by the document pipeline and from fixtures by tests.

export interface CandidateSkill {
  name: string;
  category?: string | null;
  proficiency?: 'beginner' | 'intermediate' | 'advanced' | 'expert' | null;
  years?: number | null;
  /** Related terms listed under the skill (JSON Resume keywords): "Kafka" under "Infrastructure". */
  keywords?: string[];
}

export interface CandidateExperience {
  company: string;
  title: string;
  location?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  current?: boolean;
  description?: string | null;
  achievements: string[];
  technologies: string[];
}

export interface CandidateEducation {
  institution: string;
  degree?: string | null;
  fieldOfStudy?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  description?: string | null;
  courses?: string[];
}

export interface CandidateProject {
  name: string;
  description?: string | null;
  highlights: string[];
  /** Technologies and topics (JSON Resume keywords). */
  keywords: string[];
  roles?: string[];
  startDate?: string | null;
  endDate?: string | null;
  url?: string | null;
}

export interface CandidateCertification {
  name: string;
  issuingOrganization?: string | null;
  issueDate?: string | null;
}

export interface Candidate {
  firstName?: string | null;
  lastName?: string | null;
  headline?: string | null;
  summary?: string | null;
  email?: string | null;
  phone?: string | null;
  location?: string | null;
  yearsOfExperience?: number | null;
  skills: CandidateSkill[];
  experiences: CandidateExperience[];
  education: CandidateEducation[];
  certifications: CandidateCertification[];
  projects?: CandidateProject[];
  primaryResume?: string | null;
  /** Free text the person wrote for the generators ("emphasise leadership"). */
  generatorContext?: string | null;
}

export interface JobPosting {
  company: string;
  roleTitle: string;
  description: string;
  /** What a follow-up email needs beyond the posting; loaded only for that document. */
  followUp?: FollowUpFacts;
}

/** A person at the company the application names (its contacts). */
export interface FollowUpContact {
  name: string;
  role?: string | null;
  email?: string | null;
}

/** The application's own history, as far as a follow-up email refers to it. */
export interface FollowUpFacts {
  /** When the person applied; null when the card has no date. */
  appliedAt: Date | null;
  /** "Today" for the email (so the same facts always give the same text). */
  now: Date;
  /** The application's contacts, the one to write to first. */
  contacts: FollowUpContact[];
  /** The latest interview that has taken place (scheduled before `now`). */
  lastInterview: { kind: string; scheduledAt: Date } | null;
}

export function fullName(candidate: Candidate): string {
  return [candidate.firstName, candidate.lastName].filter(Boolean).join(' ').trim();
}
