// How an application (or a draft of one) fits a job target, item by item:
// "remote ✓ · salary ✓ · excluded keyword 'on-call' ✗". Pure: no database, no
// clock. What the application does not say is "unknown", never a ✗; money is
// compared only in one currency, never converted.
import type { JobTarget } from '@pursuit/db';
import { normaliseCompanyName } from '../services/company-history';

export type FitState = 'ok' | 'no' | 'unknown';

export type FitKind =
  | 'title'
  | 'company'
  | 'salary'
  | 'arrangement'
  | 'employment'
  | 'location'
  | 'keyword'
  | 'excluded';

export interface FitItem {
  kind: FitKind;
  /** What a person reads, its mark included: "remote ✓", "salary unknown". */
  label: string;
  /** True only for ✓; an unknown item is neither a fit nor a miss. */
  ok: boolean;
  state: FitState;
}

export interface Fit {
  items: FitItem[];
  /**
   * 0–100: ✓ items count 1, unknown ones ½, ✗ none, over all items; 100
   * when the target asks nothing. A rough order, the items are the answer.
   */
  score: number;
  /** No ✗ item: what the board's "fits target" filter keeps. */
  fits: boolean;
}

/** What fit reads of a target. */
export type FitTarget = Pick<
  JobTarget,
  | 'titles'
  | 'preferredCompanies'
  | 'avoidedCompanies'
  | 'salaryFloor'
  | 'salaryCurrency'
  | 'workArrangements'
  | 'employmentTypes'
  | 'locations'
  | 'mustHaveKeywords'
  | 'excludedKeywords'
>;

/** What fit reads of an application or a draft; null or absent means "not said". */
export interface FitSubject {
  companyName: string;
  roleTitle: string;
  description?: string | null | undefined;
  location?: string | null | undefined;
  workArrangement?: JobTarget['workArrangements'][number] | null | undefined;
  employmentType?: JobTarget['employmentTypes'][number] | null | undefined;
  salaryMin?: number | null | undefined;
  salaryMax?: number | null | undefined;
  salaryCurrency?: string | null | undefined;
}

const ARRANGEMENT_NAMES: Record<JobTarget['workArrangements'][number], string> = {
  remote: 'remote',
  hybrid: 'hybrid',
  onsite: 'on-site',
};

const EMPLOYMENT_NAMES: Record<JobTarget['employmentTypes'][number], string> = {
  full_time: 'full-time',
  part_time: 'part-time',
  contract: 'contract',
  freelance: 'freelance',
  internship: 'internship',
};

/**
 * The form words are compared in: accents folded ("Zürich" = "zurich"), lower
 * case, dashes, slashes and underscores as spaces ("on-call" = "on call"),
 * runs of space as one.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s\-‐-―_/]+/gu, ' ')
    .trim();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `text` contains `phrase` as whole words: "Java" is not found in
 * "JavaScript", "C++" is found in "C++ and Rust", case and accents aside.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const folded = foldText(phrase);
  if (!folded) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(folded)}(?![\\p{L}\\p{N}])`, 'u');
  return pattern.test(foldText(text));
}

/** Every word of `wanted` appears in `title` ("backend engineer" in "Senior Backend Engineer"). */
function titleMatches(title: string, wanted: string): boolean {
  const words = foldText(wanted).split(' ').filter(Boolean);
  return words.length > 0 && words.every((word) => containsPhrase(title, word));
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

function item(kind: FitKind, text: string, state: FitState): FitItem {
  const mark = state === 'ok' ? '✓' : state === 'no' ? '✗' : 'unknown';
  return { kind, label: `${text} ${mark}`, ok: state === 'ok', state };
}

function money(amount: number, currency: string): string {
  return `${amount.toLocaleString('en')} ${currency}`;
}

function salaryItem(target: FitTarget, subject: FitSubject): FitItem | null {
  if (target.salaryFloor == null) return null;
  const floor = target.salaryFloor;
  const wanted = target.salaryCurrency ?? '';
  const top = subject.salaryMax ?? subject.salaryMin;
  if (top == null) return item('salary', 'salary', 'unknown');
  const currency = subject.salaryCurrency?.trim().toUpperCase();
  if (!currency) return item('salary', 'salary (no currency given)', 'unknown');
  if (wanted && currency !== wanted) {
    return item('salary', `salary in ${currency}, floor in ${wanted}`, 'unknown');
  }
  return top >= floor
    ? item('salary', 'salary', 'ok')
    : item('salary', `salary below ${money(floor, currency)}`, 'no');
}

function titleItem(target: FitTarget, subject: FitSubject): FitItem | null {
  if (target.titles.length === 0) return null;
  if (!present(subject.roleTitle)) return item('title', 'title', 'unknown');
  const match = target.titles.find((t) => titleMatches(subject.roleTitle, t));
  return match ? item('title', `title '${match}'`, 'ok') : item('title', 'title', 'no');
}

function companyItems(target: FitTarget, subject: FitSubject): FitItem[] {
  if (!present(subject.companyName)) return [];
  const key = normaliseCompanyName(subject.companyName);
  const same = (name: string) => normaliseCompanyName(name) === key;
  const avoided = target.avoidedCompanies.find(same);
  if (avoided) return [item('company', `avoided company '${avoided}'`, 'no')];
  const preferred = target.preferredCompanies.find(same);
  // Not being on the preferred list is no miss: only a match is worth saying.
  return preferred ? [item('company', `preferred company '${preferred}'`, 'ok')] : [];
}

function arrangementItem(target: FitTarget, subject: FitSubject): FitItem | null {
  if (target.workArrangements.length === 0) return null;
  if (!subject.workArrangement) return item('arrangement', 'work arrangement', 'unknown');
  const name = ARRANGEMENT_NAMES[subject.workArrangement];
  return item(
    'arrangement',
    name,
    target.workArrangements.includes(subject.workArrangement) ? 'ok' : 'no',
  );
}

function employmentItem(target: FitTarget, subject: FitSubject): FitItem | null {
  if (target.employmentTypes.length === 0) return null;
  if (!subject.employmentType) return item('employment', 'employment type', 'unknown');
  const name = EMPLOYMENT_NAMES[subject.employmentType];
  return item(
    'employment',
    name,
    target.employmentTypes.includes(subject.employmentType) ? 'ok' : 'no',
  );
}

function locationItem(target: FitTarget, subject: FitSubject): FitItem | null {
  if (target.locations.length === 0) return null;
  // A target location "Remote" is met by a remote job wherever it is based.
  const remote = target.locations.find((l) => foldText(l) === 'remote');
  if (remote && subject.workArrangement === 'remote') {
    return item('location', `location '${remote}'`, 'ok');
  }
  if (!present(subject.location)) return item('location', 'location', 'unknown');
  const match = target.locations.find((l) => containsPhrase(subject.location!, l));
  return match ? item('location', `location '${match}'`, 'ok') : item('location', 'location', 'no');
}

function keywordItems(target: FitTarget, subject: FitSubject): FitItem[] {
  const text = present(subject.description) ? subject.description : null;
  const must = target.mustHaveKeywords.map((k) =>
    item(
      'keyword',
      `keyword '${k}'`,
      text === null ? 'unknown' : containsPhrase(text, k) ? 'ok' : 'no',
    ),
  );
  const excluded = target.excludedKeywords.map((k) =>
    text === null
      ? item('excluded', `excluded keyword '${k}'`, 'unknown')
      : containsPhrase(text, k)
        ? item('excluded', `excluded keyword '${k}'`, 'no')
        : item('excluded', `no '${k}'`, 'ok'),
  );
  return [...must, ...excluded];
}

/** How `subject` fits `target`, item by item, with a score and whether nothing failed. */
export function fitToTarget(target: FitTarget, subject: FitSubject): Fit {
  const items = [
    titleItem(target, subject),
    ...companyItems(target, subject),
    arrangementItem(target, subject),
    employmentItem(target, subject),
    locationItem(target, subject),
    salaryItem(target, subject),
    ...keywordItems(target, subject),
  ].filter((i): i is FitItem => i !== null);
  const points = items.reduce(
    (sum, i) => sum + (i.state === 'ok' ? 1 : i.state === 'unknown' ? 0.5 : 0),
    0,
  );
  return {
    items,
    score: items.length === 0 ? 100 : Math.round((100 * points) / items.length),
    fits: items.every((i) => i.state !== 'no'),
  };
}
