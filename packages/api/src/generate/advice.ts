// For a requirement the profile does not show: a concrete way to address it.
// A tool of the same kind the person does show is the bridge; a credential is
// held or not; anything else is learned and shown in a small piece of work.
import type { Candidate } from './candidate';
import type { Evidence, Mapping } from './evidence';
import { CREDENTIALS, KINDS } from './lexicon';

export function adviceFor(e: Evidence, _candidate: Candidate, mapping: Mapping): string {
  const r = e.requirement;
  const names = r.anyOf ?? [r.name];
  const plus = r.required ? '' : ' It is a plus, not a requirement: do not lead with it.';
  if (names.some((n) => CREDENTIALS.has(n)))
    return `A credential: if you hold it, add it under certifications so it counts; if not, ask whether it can be earned after you start.${plus}`;
  const shown = new Set(
    mapping.matched.flatMap((m) => m.requirement.anyOf ?? [m.requirement.name]),
  );
  for (const { kind, members } of KINDS) {
    if (!names.some((n) => members.includes(n))) continue;
    const bridge = members.find((m) => shown.has(m) && !names.includes(m));
    if (bridge)
      return `You show ${bridge}, another ${kind}: say how it transfers, and try ${names[0]} on a small piece of real work before the interview.${plus}`;
  }
  switch (r.category) {
    case 'soft':
      return `Prepare a short story that shows it, and add it to a highlight in your experience if it is true of your work.${plus}`;
    case 'language':
      return `If you speak it, add it under languages with your level.${plus}`;
    case 'domain':
      return `If you have worked in it, say where in your experience or summary; if not, read up on it and prepare how your experience relates.${plus}`;
    default:
      return `If you have used it, add it to your skills or to the role or project where you did, so it counts; if not, build something small with it and be ready to say what you learned.${plus}`;
  }
}
