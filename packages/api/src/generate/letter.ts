// The cover letter: 200–350 words, an opening from the posting's own words,
// the three strongest matches each with a highlight from the profile, and a
// closing; it does not volunteer gaps (the research report handles them).
import { fullName, type Candidate, type JobPosting } from './candidate';
import { queryTerms, rankBullets, skillNamesIn, type Evidence, type Mapping } from './evidence';
import { listJoin, tokenize } from './text';
import {
  analyze,
  contactLine,
  languageNote,
  lowerFirst,
  shownNames,
  skillsOfPerson,
  withResumeExperience,
} from './writing';

/** Achievement bullets that open with a past-tense verb read well after "I". */
const PAST_TENSE =
  /^(?:[A-Z][a-z]+ed|Led|Built|Ran|Wrote|Cut|Grew|Drove|Made|Won|Set|Took|Shipped|Brought|Began|Kept|Sold|Taught|Spent|Found|Held|Rebuilt|Rewrote|Owned|Lead|Overs[a-z]+|Upheld|Met|Beat|Hit|Chose|Gave|Became)\b/;

/** An achievement as something the person did ("I cut …"), or quoted when it is not a deed. */
export function asAction(text: string): string {
  const line = text.trim().replace(/\.$/, '');
  if (PAST_TENSE.test(line) && !/^\S+\s+(?:in|by|at|as|for|to|with|from)\b/i.test(line))
    return `I ${lowerFirst(line)}`;
  return `one line from my record there: “${line}”`;
}

/** An imperative responsibility ("Design and run …") reads as the work the letter opens with. */
const IMPERATIVE =
  /^(?:design|build|own|lead|run|shape|develop|create|drive|partner|work|help|manage|deliver|improve|scale|ship|write|analy[sz]e|support|care|provide|plan|coordinate|grow|sell|close|maintain|operate|define|mentor|establish|champion|collaborate|implement|deploy|monitor|conduct|prepare|review|turn|bring|make|set)\b/i;

/**
 * The matched requirements, strongest first: required before preferred, then
 * those with a highlight to show, then by the posting's emphasis. The cover
 * letter and the follow-up email draw their examples from the head of it.
 */
export function strongestMatches(mapping: Mapping): Evidence[] {
  return mapping.matched
    .slice()
    .sort(
      (a, b) =>
        Number(b.requirement.required) - Number(a.requirement.required) ||
        Number(b.bullets.length > 0) - Number(a.bullets.length > 0) ||
        b.requirement.weight - a.requirement.weight,
    );
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The person's summary as a sentence in the first person, when it can be one. */
function firstPersonSummary(summary: string | null | undefined): string | null {
  const first = summary?.trim().split(/(?<=[.!?])\s+/)[0];
  if (!first) return null;
  if (/^(?:I|I'm|My)\b/.test(first)) return first;
  if (/^(?:A|An)\s/.test(first)) return `I am ${lowerFirst(first)}`;
  if (
    /^[A-Z][a-z]+(?:[\s-][a-z]+)*\s(?:with|who|and|turned|passionate|focused|specializing|specialising|experienced|skilled)\b/.test(
      first,
    )
  ) {
    return `I am ${/^[AEIOU]/.test(first) ? 'an' : 'a'} ${lowerFirst(first)}`;
  }
  return null;
}

export function coverLetter(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const person = withResumeExperience(candidate);
  const { job, mapping } = analysis;
  const personSkills = skillsOfPerson(person);
  const name = fullName(person);
  const head: string[] = [...languageNote(posting, true)];
  if (name) head.push(`**${name}**`);
  const contact = contactLine(person);
  if (contact) head.push(contact);
  if (head.length > 0) head.push('');
  head.push(`Dear ${posting.company} hiring team,`, '');

  // Opening: the role, and what in the posting draws the person to it (its own words, no figures).
  const noFigures = (line: string) => !/\d/.test(line) && line.length <= 180;
  const work = job.responsibilities.find((l) => noFigures(l) && IMPERATIVE.test(l));
  const blurb = job.about.find(
    (line) =>
      noFigures(line) &&
      !/^(?:we(?:'re| are) (?:hiring|looking|seeking|searching)|join\b|apply\b|this (?:role|position))/i.test(
        line,
      ),
  );
  const ranked = strongestMatches(mapping);
  const top = [...new Set(ranked.flatMap((e) => shownNames(e, personSkills)))];
  const opening = [
    `I am writing to apply for the ${posting.roleTitle} role at ${posting.company}.`,
  ];
  if (work) {
    opening.push(
      `The work you describe, “${lowerFirst(work.replace(/^you(?:'ll| will)\s+/i, '')).replace(/[.;]$/, '')}”, is exactly what I want to do next.`,
    );
  } else if (blurb) {
    opening.push(
      `What you describe, “${blurb.replace(/[.;]$/, '')}”, is work I want to be part of.`,
    );
  }
  if (person.headline || top.length > 0) {
    const who = person.headline
      ? `As ${/^[aeiou]/i.test(person.headline) ? 'an' : 'a'} ${person.headline}${person.yearsOfExperience ? ` with ${person.yearsOfExperience} years of experience` : ''}`
      : 'In my work so far';
    opening.push(
      top.length > 0
        ? `${who}, I bring ${listJoin(top.slice(0, 3))}, which ${top.length === 1 ? 'is' : 'sit'} at the centre of what you ask for.`
        : `${who}, I would bring care and a record of finishing what I start.`,
    );
  }

  // The three strongest matches, each with a different concrete highlight in the person's own words.
  const used = new Set<string>();
  const paragraphs: string[] = [];
  const templates = [
    (n: string, where: string, act: string) => `You ask for ${n}. ${where}, ${act}.`,
    (n: string, where: string, act: string) => `On ${n}: ${lowerFirst(where)}, ${act}.`,
    (n: string, where: string, act: string) =>
      `${n} runs through my work as well. ${where}, ${act}.`,
  ];
  for (const e of ranked) {
    if (paragraphs.length >= 3) break;
    const label = shownNames(e, personSkills)[0];
    if (!label) continue;
    const make = templates[paragraphs.length]!;
    const bullet = e.bullets.find((b) => !used.has(b.text));
    if (bullet) {
      used.add(bullet.text);
      paragraphs.push(
        make(label, `At ${bullet.company}, as ${bullet.title}`, asAction(bullet.text)),
      );
      continue;
    }
    const project = (person.projects ?? []).find((p) =>
      [p.name, p.description ?? '', ...p.highlights, ...p.keywords].some((t) =>
        skillNamesIn(t).has(label),
      ),
    );
    const highlight = project?.highlights.find((h) => !used.has(h));
    if (project && highlight) {
      used.add(highlight);
      paragraphs.push(make(label, `In my project ${project.name}`, asAction(highlight)));
      continue;
    }
    // Shown by a listed skill only: say so, and pair it with the person's most
    // relevant unused achievement (which is not claimed to have used it).
    const listed = e.sources.find((source) => source.kind === 'skill' || source.kind === 'keyword');
    const group = person.skills.find(
      (skill) =>
        listed !== undefined &&
        (listed.where === `skills (${skill.name})` ||
          (listed.kind === 'skill' &&
            (skill.name === label || skillNamesIn(skill.name).has(label)))),
    );
    const focus = tokenize([label, group?.name ?? '', ...(group?.keywords ?? [])].join(' '));
    const query = [...focus, ...focus, ...focus, ...queryTerms(job, posting.roleTitle)];
    const other = rankBullets(person, query).find(
      (b) => !used.has(b.text) && b.experience.achievements.includes(b.text),
    );
    if (listed && other) {
      used.add(other.text);
      const among = listed.kind === 'keyword' && group ? `${group.name} skills` : 'skills';
      paragraphs.push(
        [
          `You ask for ${label}, which I list among my ${among}. At ${other.experience.company}, as ${other.experience.title}, ${asAction(other.text)}.`,
          `${label} is among my ${among} too. As ${other.experience.title} at ${other.experience.company}, ${asAction(other.text)}.`,
          `And ${label}, also among my ${among}: at ${other.experience.company}, as ${other.experience.title}, ${asAction(other.text)}.`,
        ][paragraphs.length]!,
      );
    }
  }

  // Fewer than three matches with a highlight: the person's most relevant
  // other achievements, said as what they are (not claimed as a match).
  const general = rankBullets(person, queryTerms(job, posting.roleTitle)).filter(
    (b) => !used.has(b.text) && b.experience.achievements.includes(b.text),
  );
  for (const bullet of general) {
    if (paragraphs.length >= 3) break;
    if (paragraphs.some((p) => p.includes(bullet.experience.company)) && general.length > 3)
      continue;
    used.add(bullet.text);
    paragraphs.push(
      `${paragraphs.at(-1)?.includes(`at ${bullet.experience.company},`) || paragraphs.at(-1)?.startsWith(`At ${bullet.experience.company},`) ? 'Also at' : 'At'} ${bullet.experience.company}, as ${bullet.experience.title}, ${asAction(bullet.text)}.`,
    );
  }

  const extras: string[] = [];
  const about = firstPersonSummary(person.summary);
  if (about) extras.push(about.replace(/([^.!?])$/, '$1.'));
  const plus = [
    ...new Set(
      mapping.matched
        .filter((e) => !e.requirement.required)
        .flatMap((e) => shownNames(e, personSkills))
        .filter((n) => !top.slice(0, 3).includes(n)),
    ),
  ];
  if (plus.length > 0)
    extras.push(
      `You also list ${listJoin(plus.slice(0, 3))} as a plus, and ${plus.length === 1 ? 'it is' : 'they are'} part of my experience too.`,
    );
  const otherWork = job.responsibilities.find((l) => l !== work && noFigures(l));
  if (otherWork)
    extras.push(
      `I read that the role also means “${otherWork.replace(/[.;]$/, '')}”, and I would bring the same care to it that I have brought to the work above.`,
    );
  const rest = top.slice(3).filter((n) => !plus.includes(n));
  if (rest.length > 0)
    extras.push(
      `The rest of what you ask for is in my profile as well: ${listJoin(rest.slice(0, 5))}.`,
    );
  const school = person.education.find((e) => e.degree || e.fieldOfStudy);
  if (school)
    extras.push(
      `I studied at ${school.institution}${school.degree ? ` (${[school.degree, school.fieldOfStudy].filter(Boolean).join(', ')})` : ` (${school.fieldOfStudy})`}${person.certifications[0] ? `, and I hold the ${person.certifications[0].name} certification` : ''}.`,
    );
  else if (person.certifications[0])
    extras.push(`I hold the ${person.certifications[0].name} certification.`);
  const project = (person.projects ?? []).find((p) => p.description || p.highlights[0]);
  if (project) {
    const what = (project.description ?? project.highlights[0]!).replace(/\.$/, '');
    extras.push(`One project of mine shows how I work: ${project.name} (${lowerFirst(what)}).`);
  }
  const listed = [
    ...new Set(
      person.skills
        .filter((skill) => skill.category !== 'language')
        .flatMap((skill) => ((skill.keywords ?? []).length > 0 ? skill.keywords! : [skill.name])),
    ),
  ].filter((name) => !top.slice(0, 3).includes(name));
  if (listed.length > 0) extras.push(`Among my other skills: ${listJoin(listed.slice(0, 6))}.`);
  const remaining = ranked.filter(
    (e) => e.bullets.some((b) => !used.has(b.text)) && shownNames(e, personSkills).length > 0,
  );

  let closing = `I would welcome the chance to talk about how I could help ${posting.company}. Thank you for your time and consideration.`;
  const compose = (body: string[]) =>
    [
      ...head,
      opening.join(' '),
      '',
      ...body.flatMap((p) => [p, '']),
      closing,
      '',
      'Sincerely,',
      name || '',
    ]
      .join('\n')
      .trimEnd() + '\n';
  const bodyWords = (body: string[]) => words([opening.join(' '), ...body, closing].join(' '));

  // 200–350 words: add the person's own summary, their pluses and the rest of
  // the work until it is long enough; trim from the end when it is too long.
  const body = [...paragraphs];
  for (const extra of extras) {
    if (bodyWords(body) >= 240) break;
    body.push(extra);
  }
  for (const e of remaining) {
    if (bodyWords(body) >= 200) break;
    const bullet = e.bullets.find((b) => !used.has(b.text))!;
    used.add(bullet.text);
    const label = shownNames(e, personSkills)[0]!;
    body.push(`For ${label}, too: at ${bullet.company} ${asAction(bullet.text)}.`);
  }
  if (bodyWords(body) < 200)
    body.push(
      `I am glad to go into any of this in more detail, to walk through the work behind it, and to hear what matters most to the team at ${posting.company} right now.`,
    );
  if (bodyWords(body) < 200)
    closing = `I would welcome the chance to talk about how my experience could help ${posting.company}, and to learn more about the role and the people I would work with. Thank you for your time and consideration; I look forward to hearing from you.`;
  while (bodyWords(body) > 350 && body.length > 1) body.pop();
  return compose(body);
}
