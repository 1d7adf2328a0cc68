// Base resumes in the web app: the list's order and live updates, and two
// ways to start one: a Markdown template, or a first draft written from the
// profile (so a person who imported a JSON Resume has a resume in one click).
import { formatDateRange, formatPartialDate, timeOf, type ProfileData } from './profile';
import type { Resume, ResumeSummary } from '$lib/api/types';

/** The API refuses shorter resumes (the generators need something to work from). */
export const RESUME_MIN_LENGTH = 100;

/** A full resume row as the list shows it (without its text). */
export function toSummary(row: Resume): ResumeSummary {
  const { content, ...rest } = row;
  return { ...rest, length: content.length };
}

/** Primary first, then the most recently edited: the API's order. */
export function byResumeOrder(a: ResumeSummary, b: ResumeSummary): number {
  if (a.isPrimary !== b.isPrimary) return a.isPrimary ? -1 : 1;
  const updated = timeOf(b.updatedAt) - timeOf(a.updatedAt);
  if (updated !== 0) return updated;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export const RESUME_TEMPLATE = `# Your Name

Senior Software Engineer · City, Country · you@example.com · linkedin.com/in/you

## Summary

Two or three sentences on what you do best, the kind of problems you like, and what you want next.

## Experience

### Job title — Company
*2021 – present · City or Remote*

- An achievement with a number in it: what you did and what changed
- Another one: the scale, the result, the people it helped

### Earlier job title — Earlier company
*2017 – 2021*

- What you built or improved, and the outcome

## Skills

**Languages:** TypeScript, Python · **Tools:** PostgreSQL, Docker

## Education

**Degree, Field** — University, 2017
`;

/** Whether the profile has enough in it to write a first draft from. */
export function hasProfileContent(data: ProfileData): boolean {
  const { profile } = data;
  return Boolean(
    profile.firstName ||
    profile.lastName ||
    profile.headline ||
    profile.summary ||
    data.experiences.length ||
    data.education.length ||
    data.projects.length ||
    data.skills.length,
  );
}

/** A first draft of a resume in Markdown, written from the profile. */
export function resumeFromProfile(data: ProfileData): string {
  const { profile } = data;
  const out: string[] = [];
  const name = [profile.firstName, profile.lastName].filter(Boolean).join(' ');
  out.push(`# ${name || 'Your Name'}`, '');
  const contact = [profile.headline, profile.location, profile.email, profile.phone].filter(
    Boolean,
  );
  if (contact.length) out.push(contact.join(' · '), '');
  if (profile.links.length) {
    out.push(
      profile.links
        .map((link) => `[${link.label.replace(/[[\]]/g, '\\$&')}](${link.url})`)
        .join(' · '),
      '',
    );
  }
  if (profile.summary) out.push('## Summary', '', profile.summary, '');
  if (data.experiences.length) {
    out.push('## Experience', '');
    for (const job of data.experiences) {
      out.push(`### ${job.title} — ${job.company}`);
      const when = formatDateRange(job.startDate, job.endDate, job.isCurrent);
      const meta = [when, job.location].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      if (job.description) out.push(job.description, '');
      for (const achievement of job.achievements) out.push(`- ${achievement}`);
      if (job.achievements.length) out.push('');
      if (job.technologies.length) out.push(`**Technologies:** ${job.technologies.join(', ')}`, '');
    }
  }
  if (data.projects.length) {
    out.push('## Projects', '');
    for (const project of data.projects) {
      out.push(`### ${project.name}`);
      const when = formatDateRange(project.startDate, project.endDate);
      const meta = [when, project.roles.join(', '), project.url].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      if (project.description) out.push(project.description, '');
      for (const highlight of project.highlights) out.push(`- ${highlight}`);
      if (project.highlights.length) out.push('');
      if (project.keywords.length) out.push(`**Keywords:** ${project.keywords.join(', ')}`, '');
    }
  }
  if (data.skills.length) {
    out.push('## Skills', '');
    const main = data.skills.filter((skill) => skill.isPrimary).map((skill) => skill.name);
    const other = data.skills.filter((skill) => !skill.isPrimary).map((skill) => skill.name);
    if (main.length) out.push(`**Main:** ${main.join(', ')}`, '');
    if (other.length) out.push(`${main.length ? '**Also:** ' : ''}${other.join(', ')}`, '');
  }
  if (data.education.length) {
    out.push('## Education', '');
    for (const school of data.education) {
      const what = [school.degree, school.fieldOfStudy].filter(Boolean).join(', ');
      const when = formatDateRange(school.startDate, school.endDate);
      out.push(`- ${what ? `**${what}** — ` : ''}${school.institution}${when ? `, ${when}` : ''}`);
      if (school.courses.length) out.push(`  - Courses: ${school.courses.join(', ')}`);
    }
    out.push('');
  }
  if (data.certifications.length) {
    out.push('## Certificates', '');
    for (const cert of data.certifications) {
      const issued = cert.issueDate ? `, ${formatPartialDate(cert.issueDate)}` : '';
      const by = cert.issuingOrganization ? ` — ${cert.issuingOrganization}` : '';
      out.push(`- ${cert.name}${by}${issued}`);
    }
    out.push('');
  }
  return `${out.join('\n').trim()}\n`;
}
