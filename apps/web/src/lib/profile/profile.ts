// Pure rules of the profile editor: labels for the API's skill enums, partial
// dates as people read them, the profile as form text and back, merging a
// change from another tab into a form being edited, and keeping lists of rows
// in the API's order as live changes arrive.
import type {
  Certification,
  EducationEntry,
  Profile,
  Project,
  Skill,
  SkillCategory,
  SkillProficiency,
  UpdateProfileInput,
  WorkArrangement,
  WorkExperience,
} from '$lib/api/types';

/** Everything the profile page shows, and what a resume can be drafted from. */
export interface ProfileData {
  profile: Profile;
  experiences: WorkExperience[];
  education: EducationEntry[];
  certifications: Certification[];
  projects: Project[];
  skills: Skill[];
}

export const SKILL_CATEGORY_LABELS: Record<SkillCategory, string> = {
  technical: 'Technical',
  tool: 'Tool',
  language: 'Language',
  soft: 'Soft skill',
  domain: 'Domain',
};
export const SKILL_CATEGORIES = Object.keys(SKILL_CATEGORY_LABELS) as SkillCategory[];

export const SKILL_PROFICIENCY_LABELS: Record<SkillProficiency, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019" → "2019", "2019-06" → "Jun 2019", "2019-06-30" → "30 Jun 2019". */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-');
  const name = month ? MONTHS[Number(month) - 1] : undefined;
  if (!name) return year ?? value;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

/** "Mar 2019 – present", "2015 – 2018", "from 2019", "" when neither date is known. */
export function formatDateRange(
  start: string | null | undefined,
  end: string | null | undefined,
  current = false,
): string {
  const from = formatPartialDate(start);
  const to = current ? 'present' : formatPartialDate(end);
  if (from && to) return `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return '';
}

// ----- The profile as form text -----

export interface LinkDraft {
  label: string;
  url: string;
  username: string;
}

export interface ProfileDraft {
  firstName: string;
  lastName: string;
  headline: string;
  summary: string;
  email: string;
  phone: string;
  location: string;
  industry: string;
  yearsOfExperience: string;
  targetSalaryMin: string;
  targetSalaryMax: string;
  targetSalaryCurrency: string;
  links: LinkDraft[];
  preferredWorkArrangements: WorkArrangement[];
  willingToRelocate: boolean;
  generatorContext: string;
}

export type ProfileField = keyof ProfileDraft;

const text = (value: string | null | undefined) => value ?? '';
const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export function profileToDraft(profile: Profile): ProfileDraft {
  return {
    firstName: text(profile.firstName),
    lastName: text(profile.lastName),
    headline: text(profile.headline),
    summary: text(profile.summary),
    email: text(profile.email),
    phone: text(profile.phone),
    location: text(profile.location),
    industry: text(profile.industry),
    yearsOfExperience: numberText(profile.yearsOfExperience),
    targetSalaryMin: numberText(profile.targetSalaryMin),
    targetSalaryMax: numberText(profile.targetSalaryMax),
    targetSalaryCurrency: text(profile.targetSalaryCurrency),
    links: profile.links.map((link) => ({
      label: link.label,
      url: link.url,
      username: link.username ?? '',
    })),
    preferredWorkArrangements: [...profile.preferredWorkArrangements],
    willingToRelocate: profile.willingToRelocate,
    generatorContext: text(profile.generatorContext),
  };
}

/** Whole numbers as people type them: "85,000", "85 000", "85000". */
export function parseWholeNumber(value: string): number | null | 'invalid' {
  const cleaned = value.replace(/[\s,_]/g, '');
  if (cleaned === '') return null;
  if (!/^\d+$/.test(cleaned)) return 'invalid';
  return Number(cleaned);
}

export interface ProfilePatch {
  input: UpdateProfileInput;
  /** Problems found before sending, by field key (same keys as the API's). */
  errors: Record<string, string[]>;
  /** For "links.N" errors: the draft index of each sent link. */
  linkIndex: number[];
}

const NUMBER_FIELDS = ['yearsOfExperience', 'targetSalaryMin', 'targetSalaryMax'] as const;

/**
 * The update input for `fields` of `draft`. Link rows left entirely blank are
 * not sent (an "Add link" not filled in yet). Numbers that are not whole
 * numbers are caught here with the same kind of message the API gives.
 */
export function profilePatch(draft: ProfileDraft, fields: readonly ProfileField[]): ProfilePatch {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  const linkIndex: number[] = [];
  for (const field of fields) {
    if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
      const parsed = parseWholeNumber(draft[field as (typeof NUMBER_FIELDS)[number]]);
      if (parsed === 'invalid') errors[field] = ['Enter a whole number, like 5 or 85000.'];
      else input[field] = parsed;
    } else if (field === 'links') {
      const links: { label: string; url: string; username?: string }[] = [];
      draft.links.forEach((link, index) => {
        if (!link.label.trim() && !link.url.trim() && !link.username.trim()) return;
        linkIndex.push(index);
        links.push({
          label: link.label,
          url: link.url,
          ...(link.username.trim() ? { username: link.username } : {}),
        });
      });
      input.links = links;
    } else if (field === 'preferredWorkArrangements') {
      input.preferredWorkArrangements = [...draft.preferredWorkArrangements];
    } else {
      input[field] = draft[field];
    }
  }
  return { input, errors, linkIndex };
}

/** Moves "links.N…" error keys from sent-list indexes to draft indexes. */
export function remapLinkErrors(
  fieldErrors: Record<string, string[]>,
  linkIndex: readonly number[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const match = /^links\.(\d+)(\..*)?$/.exec(key);
    const draftIndex = match ? linkIndex[Number(match[1])] : undefined;
    out[match && draftIndex !== undefined ? `links.${draftIndex}${match[2] ?? ''}` : key] =
      messages;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A newer server version (`next`) of a form being edited: each field the
 * server changed since `previous` takes the new value, unless the person has
 * edited that field here (it differs from what they last had, or is pending).
 * Their own typing is never overwritten.
 */
export function mergeRemote<D extends object>(
  draft: D,
  previous: D,
  next: D,
  isPending: (field: keyof D) => boolean,
): D {
  const merged = { ...draft };
  for (const field of Object.keys(next) as (keyof D)[]) {
    if (same(next[field], previous[field])) continue;
    if (isPending(field) || !same(draft[field], previous[field])) continue;
    merged[field] = next[field];
  }
  return merged;
}

// ----- Lists kept in the API's order -----

export interface OrderedRow {
  id: string;
  position: number;
  createdAt: Date | string;
}

/** The order the API lists work, education, certificates and projects in. */
export function byPosition(a: OrderedRow, b: OrderedRow): number {
  return (
    a.position - b.position ||
    timeOf(a.createdAt) - timeOf(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface SkillRow {
  id: string;
  name: string;
  isPrimary: boolean;
}

/** Primary skills first, then by name ignoring case: the API's order. */
export function bySkill(a: SkillRow, b: SkillRow): number {
  if (a.isPrimary !== b.isPrimary) return a.isPrimary ? -1 : 1;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Milliseconds since the epoch of a Date (or an ISO string). */
export function timeOf(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

interface Versioned {
  id: string;
  updatedAt: Date | string;
}

/**
 * A live change applied to a list: insert or replace the row (an older
 * version than the one shown is ignored), or remove it; the list stays sorted.
 */
export function applyRowChange<T extends Versioned>(
  list: readonly T[],
  change: { op: string; id: string; row: T | null },
  compare: (a: T, b: T) => number,
): T[] {
  if (change.op === 'delete' || !change.row) return list.filter((item) => item.id !== change.id);
  const row = change.row;
  const existing = list.find((item) => item.id === row.id);
  if (existing && timeOf(existing.updatedAt) > timeOf(row.updatedAt)) {
    return [...list];
  }
  return [...list.filter((item) => item.id !== row.id), row].sort(compare);
}

/** The list with the item at `index` moved by `delta` places (clamped). */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, index + delta));
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item === undefined) return next;
  next.splice(target, 0, item);
  return next;
}

/** One entry per non-blank line. */
export function linesToList(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.replace(/^\s*[-*•]\s+/, '').trim())
    .filter(Boolean);
}

/** Comma- or line-separated entries. */
export function commaList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}
