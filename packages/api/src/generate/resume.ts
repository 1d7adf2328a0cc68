// The tailored résumé: what the job asks for first — the matching skills and
// the bullets that carry evidence for them — and everything else kept, only
// reordered; nothing the person did not write.
import { fullName, type Candidate, type JobPosting } from './candidate';
import { queryTerms, rankBullets, skillNamesIn } from './evidence';
import { listJoin } from './text';
import {
  analyze,
  contactLine,
  languageNote,
  period,
  shownNames,
  skillsOfPerson,
  withResumeExperience,
} from './writing';

export function tailoredResume(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const person = withResumeExperience(candidate);
  const { job, mapping } = analysis;
  const personSkills = skillsOfPerson(person);
  const out: string[] = [];
  out.push(...languageNote(posting, true));
  out.push(`# ${fullName(person) || 'Your Name'}`, '');
  if (person.headline) out.push(`**${person.headline}**`, '');
  const contact = contactLine(person);
  if (contact) out.push(contact, '');

  // The job's emphasis decides the order; only names the person's own entries show are used.
  const matched = [
    ...new Set(
      mapping.matched
        .slice()
        .sort((a, b) => Number(b.requirement.required) - Number(a.requirement.required))
        .flatMap((e) => shownNames(e, personSkills)),
    ),
  ];
  const summary: string[] = [];
  if (person.summary) summary.push(person.summary.trim());
  if (matched.length > 0) summary.push(`Strongest in ${listJoin(matched.slice(0, 5))}.`);
  if (summary.length > 0) out.push('## Summary', '', summary.join(' '), '');

  const relevant = (names: string[]) =>
    names.filter((n) => matched.some((m) => skillNamesIn(n).has(m) || n === m));
  const groups = person.skills.filter((s) => s.category !== 'language');
  if (groups.length > 0) {
    out.push('## Skills', '');
    const listedMatches = matched.filter((m) =>
      groups.some(
        (g) => relevant([g.name, ...(g.keywords ?? [])]).length > 0 && personSkills.has(m),
      ),
    );
    if (listedMatches.length > 0) out.push(`**Most relevant:** ${listedMatches.join(', ')}`, '');
    const withKeywords = groups.filter((g) => (g.keywords ?? []).length > 0);
    const plain = groups.filter((g) => (g.keywords ?? []).length === 0);
    // Groups with the most relevant keywords first; inside each, relevant keywords first.
    withKeywords.sort((a, b) => relevant(b.keywords!).length - relevant(a.keywords!).length);
    for (const g of withKeywords) {
      const first = relevant(g.keywords!);
      const rest = g.keywords!.filter((k) => !first.includes(k));
      out.push(`**${g.name}:** ${[...first, ...rest].join(', ')}`, '');
    }
    if (plain.length > 0) {
      const first = plain.filter((g) => relevant([g.name]).length > 0);
      const rest = plain.filter((g) => !first.includes(g));
      out.push(
        `${withKeywords.length > 0 ? '**Also:** ' : ''}${[...first, ...rest].map((g) => g.name).join(', ')}`,
        '',
      );
    }
  }

  const ranked = rankBullets(person, queryTerms(job, posting.roleTitle));
  const order = new Map(ranked.map((b, i) => [b.text, i]));
  // Bullets that carry evidence for what the job asks come first, then by relevance; none dropped.
  const evidenced = new Set(mapping.matched.flatMap((e) => e.bullets.map((b) => b.text)));
  const byEvidence = (texts: string[]) =>
    texts
      .slice()
      .sort(
        (a, b) =>
          Number(evidenced.has(b)) - Number(evidenced.has(a)) ||
          (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9),
      );
  if (person.experiences.length > 0) {
    out.push('## Experience', '');
    for (const experience of person.experiences) {
      out.push(`### ${experience.title} — ${experience.company}`);
      const meta = [experience.location, period(experience)].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      if (experience.description) out.push(experience.description, '');
      for (const bullet of byEvidence(experience.achievements)) out.push(`- ${bullet}`);
      if (experience.achievements.length > 0) out.push('');
      const tech = experience.technologies.filter(Boolean);
      if (tech.length > 0) out.push(`Technologies: ${tech.join(', ')}`, '');
    }
  }

  const projects = person.projects ?? [];
  if (projects.length > 0) {
    out.push('## Projects', '');
    const scored = projects
      .map((p, index) => ({
        p,
        index,
        hits: relevant(
          [p.name, p.description ?? '', ...p.highlights, ...p.keywords].flatMap((t) => [
            ...skillNamesIn(t),
          ]),
        ).length,
      }))
      .sort((a, b) => b.hits - a.hits || a.index - b.index);
    for (const { p } of scored) {
      out.push(`### ${p.name}`);
      const meta = [p.roles?.join(', '), period(p), p.url].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      if (p.description) out.push(p.description, '');
      for (const h of p.highlights) out.push(`- ${h}`);
      if (p.highlights.length > 0) out.push('');
      if (p.keywords.length > 0) out.push(`Keywords: ${p.keywords.join(', ')}`, '');
    }
  }

  if (person.education.length > 0) {
    out.push('## Education', '');
    for (const e of person.education) {
      const what = [e.degree, e.fieldOfStudy].filter(Boolean).join(', ');
      out.push(
        `- ${what ? `${what} — ` : ''}${e.institution}${period(e) ? ` (${period(e)})` : ''}`,
      );
      if (e.courses && e.courses.length > 0) out.push(`  - Courses: ${e.courses.join(', ')}`);
    }
    out.push('');
  }
  if (person.certifications.length > 0) {
    out.push('## Certifications', '');
    for (const c of person.certifications) {
      out.push(
        `- ${c.name}${c.issuingOrganization ? ` — ${c.issuingOrganization}` : ''}${c.issueDate ? ` (${c.issueDate})` : ''}`,
      );
    }
    out.push('');
  }
  const languages = person.skills.filter((s) => s.category === 'language');
  if (languages.length > 0) {
    out.push('## Languages', '');
    out.push(
      languages.map((l) => `${l.name}${l.proficiency ? ` (${l.proficiency})` : ''}`).join(', '),
      '',
    );
  }
  return out.join('\n');
}
