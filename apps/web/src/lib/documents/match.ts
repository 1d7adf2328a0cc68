// The match explained, as the match panel and the document steps show it:
// the requirements grouped required / preferred with where the profile shows
// each, the score's parts as lines a person can read, years and seniority.
// Rows analysed before the explanation existed carry `details = {}`.
import type { MatchResult } from '$lib/api/types';

/** The explanation of a match, as the API sends it (or `{}` for an older row). */
export type MatchDetailsField = MatchResult['details'];
export type MatchDetails = Extract<MatchDetailsField, { items: unknown }>;
export type MatchItem = MatchDetails['items'][number];
export type MatchItemKind = MatchItem['kind'];
export type MatchPart = MatchDetails['parts'][number];
export type MatchPartName = MatchPart['name'];

export const KIND_LABELS: Record<MatchItemKind, string> = {
  required: 'Required',
  preferred: 'Preferred',
};

export const PART_LABELS: Record<MatchPartName, string> = {
  required: 'Required',
  preferred: 'Preferred',
  years: 'Years',
  seniority: 'Level and role',
};

/** True when the row carries the explanation (an older row has `{}`). */
export function hasDetails(details: MatchDetailsField | null | undefined): details is MatchDetails {
  return Boolean(details && Array.isArray((details as Partial<MatchDetails>).items));
}

export interface ItemGroup {
  kind: MatchItemKind;
  title: string;
  items: MatchItem[];
  shown: number;
  /** "9 of 10 shown" */
  summary: string;
}

/** Required, then preferred; a kind with no items is left out. Items keep the job's order. */
export function groupItems(details: MatchDetails): ItemGroup[] {
  return (['required', 'preferred'] as const)
    .map((kind) => {
      const items = details.items.filter((item) => item.kind === kind);
      const shown = items.filter((item) => item.shown).length;
      return {
        kind,
        title: KIND_LABELS[kind],
        items,
        shown,
        summary: `${shown} of ${items.length} shown`,
      };
    })
    .filter((group) => group.items.length > 0);
}

/**
 * The alternatives of an item as a phrase ("Tableau or Looker Studio"), or
 * null when there are none or the item's name already names them all.
 */
export function alternatives(item: MatchItem): string | null {
  const names = (item.anyOf ?? []).map((name) => name.trim()).filter(Boolean);
  if (names.length < 2) return null;
  const named = item.name.toLowerCase();
  if (names.every((name) => named.includes(name.toLowerCase()))) return null;
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export interface PartLine {
  name: MatchPartName;
  title: string;
  /** What the part measured, without repeating its name: "9 of 10 shown". */
  label: string;
  /** 0–100 */
  percent: number;
  /** Share of the score, 0–100. */
  weight: number;
  /** What it added to the score, out of `weight`. */
  points: number;
}

const percent = (fraction: number) => Math.round(Math.min(1, Math.max(0, fraction)) * 100);

/**
 * Each part of the score: "Required — 9 of 10 shown: 54 of 60 points". A label
 * that already opens with the part's name ("Required: 9 of 10 shown") is not
 * prefixed twice.
 */
export function partLines(details: MatchDetails): PartLine[] {
  return details.parts.map((part) => {
    const title = PART_LABELS[part.name];
    const label = part.label
      .trim()
      .replace(new RegExp(`^(?:${title}|${part.name})\\s*[:—–-]\\s*`, 'i'), '')
      .trim();
    const weight = percent(part.weight);
    return {
      name: part.name,
      title,
      label,
      percent: percent(part.value),
      weight,
      points: Math.round(Math.min(1, Math.max(0, part.value)) * part.weight * 100),
    };
  });
}

const years = (n: number) => `${n} ${n === 1 ? 'year' : 'years'}`;

/** "The job asks for 6+ years; your dated experience adds up to 12 years." or null. */
export function yearsLine(details: MatchDetails): string | null {
  const { required, shown } = details.years ?? { required: null, shown: null };
  if (required === null && shown === null) return null;
  const asked =
    required === null ? 'The job names no number of years' : `The job asks for ${required}+ years`;
  const have =
    shown === null
      ? 'your profile has no dated experience to count'
      : `your dated experience adds up to ${years(shown)}`;
  return `${asked}; ${have}.`;
}

/**
 * The years and level lines the score's parts do not already give (a part
 * exists only when the job names years or a level; the profile's side is
 * worth saying anyway).
 */
export function experienceLines(details: MatchDetails): string[] {
  const inParts = new Set(details.parts.map((part) => part.name));
  return [
    inParts.has('years') ? null : yearsLine(details),
    inParts.has('seniority') ? null : seniorityLine(details),
  ].filter((line) => line !== null);
}

/** "The job reads as senior; your profile as staff." or null. */
export function seniorityLine(details: MatchDetails): string | null {
  const { job, person } = details.seniority ?? { job: null, person: null };
  if (!job && !person) return null;
  const asked = job ? `The job reads as ${job}` : 'The job names no level';
  const have = person ? `your profile as ${person}` : 'your profile names no level';
  return `${asked}; ${have}.`;
}

/** The items the profile shows, required first: what the résumé and letter lean on. */
export function shownItems(details: MatchDetails): MatchItem[] {
  return groupItems(details).flatMap((group) => group.items.filter((item) => item.shown));
}

/** The score's tier, for its colour and its words. */
export type Tier = 'strong' | 'fair' | 'weak';
export const TIER_LABELS: Record<Tier, string> = {
  strong: 'Strong match',
  fair: 'Fair match',
  weak: 'Weak match',
};
export function tierOf(score: number): Tier {
  return score >= 75 ? 'strong' : score >= 50 ? 'fair' : 'weak';
}
