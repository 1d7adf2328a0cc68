// What the offer pages compute from the API's offers, kept pure so it is
// tested on its own: labels, money in the offer's own currency, the deadline
// countdown, grouping by currency with the best total of each (never
// converting), and the add/edit form's text to the API's input and back.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';
import type { SyncChange, WorkArrangement } from '$lib/api/types';
import { toDateTimeLocal } from '$lib/ui/format';

export type OfferList = RouterOutputs['offer']['list'];
export type OfferView = OfferList['offers'][number];
export type OfferStatus = OfferView['status'];
export type Compensation = OfferView['compensation'];
export type CompensationPart = Compensation['missing'][number];
export type OfferChange = Omit<RouterInputs['offer']['create'], 'applicationId'>;

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
};
export const OFFER_STATUSES = Object.keys(OFFER_STATUS_LABELS) as OfferStatus[];

export const PART_LABELS: Record<CompensationPart, string> = {
  bonus: 'bonus',
  equity: 'equity',
  signOn: 'sign-on bonus',
};

/** "No bonus or equity given (counted as 0)." — null when nothing is missing. */
export function missingSentence(missing: readonly CompensationPart[]): string | null {
  if (missing.length === 0) return null;
  const names = missing.map((part) => PART_LABELS[part]);
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `No ${list} given (counted as 0).`;
}

/** An amount in whole units of `currency`: "$150,000", "€90,000", "150,000 XYZ" for a code Intl lacks. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString('en')} ${currency}`;
  }
}

/** "15 %", "12.5 %". */
export function formatPercent(percent: number): string {
  return `${percent.toLocaleString('en', { maximumFractionDigits: 2 })} %`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Deadlines closer than this are flagged (the reminders use the same 72 h). */
export const DEADLINE_SOON_MS = 72 * HOUR;

export interface Countdown {
  text: string;
  /** expired: passed; soon: within 72 h; later: further off. */
  urgency: 'expired' | 'soon' | 'later';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 days 4 h left", "5 h 12 min left", "8 min left", "Expired"; null without a deadline. */
export function countdown(deadline: Date | string | null, now: number): Countdown | null {
  if (deadline === null) return null;
  const left = new Date(deadline).getTime() - now;
  if (!Number.isFinite(left)) return null;
  if (left <= 0) return { text: 'Expired', urgency: 'expired' };
  const urgency = left < DEADLINE_SOON_MS ? 'soon' : 'later';
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  let text: string;
  if (days > 0)
    text = hours > 0 ? `${plural(days, 'day', 'days')} ${hours} h` : plural(days, 'day', 'days');
  else if (hours > 0) text = minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  else text = `${Math.max(1, minutes)} min`;
  return { text: `${text} left`, urgency };
}

export interface CurrencyGroup {
  currency: string;
  offers: OfferView[];
  /** The highest first-year total among the offers still open or taken; null when fewer than two compete. */
  bestFirstYear: number | null;
  bestSteadyState: number | null;
}

/** Offers a person might still take (or has): declined and expired ones do not compete for "best". */
export function competes(offer: Pick<OfferView, 'status'>): boolean {
  return offer.status === 'pending' || offer.status === 'accepted';
}

/**
 * The offers split by currency, in the order each currency first appears.
 * Totals are only ever compared inside a group: nothing converts between
 * currencies, so "best" is per currency and needs two offers to mean anything.
 */
export function groupByCurrency(offers: readonly OfferView[]): CurrencyGroup[] {
  const groups = new Map<string, OfferView[]>();
  for (const offer of offers) {
    const currency = offer.compensation.currency;
    const list = groups.get(currency);
    if (list) list.push(offer);
    else groups.set(currency, [offer]);
  }
  return [...groups].map(([currency, list]) => {
    const contenders = list.filter(competes);
    const best = (pick: (c: Compensation) => number) =>
      contenders.length < 2 ? null : Math.max(...contenders.map((o) => pick(o.compensation)));
    return {
      currency,
      offers: list,
      bestFirstYear: best((c) => c.firstYear),
      bestSteadyState: best((c) => c.steadyState),
    };
  });
}

/** Whether `offer` holds the best total of its group (ties all win). */
export function isBest(offer: OfferView, best: number | null, total: number): boolean {
  return best !== null && competes(offer) && total === best;
}

/** "Remote", "Berlin · Hybrid", or null when neither is known. */
export function placeOf(
  location: string | null,
  arrangement: WorkArrangement | null,
  labels: Record<WorkArrangement, string>,
): string | null {
  const parts = [location?.trim() || null, arrangement ? labels[arrangement] : null].filter(
    (part): part is string => part !== null,
  );
  return parts.length ? parts.join(' · ') : null;
}

/** The add/edit form as typed: every field text (selects included). */
export interface OfferForm {
  currency: string;
  baseSalary: string;
  bonusTargetPercent: string;
  equityDescription: string;
  equityAnnualValue: string;
  signOnBonus: string;
  benefits: string;
  ptoDays: string;
  location: string;
  workArrangement: WorkArrangement | '';
  startDate: string;
  /** An <input type="datetime-local"> value, in the person's time zone. */
  responseDeadline: string;
  status: OfferStatus;
  note: string;
}

export function emptyOfferForm(currency = 'USD'): OfferForm {
  return {
    currency,
    baseSalary: '',
    bonusTargetPercent: '',
    equityDescription: '',
    equityAnnualValue: '',
    signOnBonus: '',
    benefits: '',
    ptoDays: '',
    location: '',
    workArrangement: '',
    startDate: '',
    responseDeadline: '',
    status: 'pending',
    note: '',
  };
}

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

export function offerToForm(offer: OfferView): OfferForm {
  return {
    currency: offer.currency,
    baseSalary: text(offer.baseSalary),
    bonusTargetPercent: text(offer.bonusTargetPercent),
    equityDescription: offer.equityDescription ?? '',
    equityAnnualValue: text(offer.equityAnnualValue),
    signOnBonus: text(offer.signOnBonus),
    benefits: offer.benefits ?? '',
    ptoDays: text(offer.ptoDays),
    location: offer.location ?? '',
    workArrangement: offer.workArrangement ?? '',
    startDate: offer.startDate ?? '',
    responseDeadline: offer.responseDeadline ? toDateTimeLocal(offer.responseDeadline) : '',
    status: offer.status,
    note: offer.note ?? '',
  };
}

const NOT_A_NUMBER = 'Enter a number, like 150000 or 150k.';

/**
 * An amount as people type it: "150000", "150,000", "150 000", "150k", "1.2m".
 * Empty is null; text that is no number is NaN (the form says so). Whether it
 * is whole and in range is the API's to say, in its own words.
 */
export function parseAmount(raw: string): number | null {
  const cleaned = raw
    .trim()
    .toLowerCase()
    .replace(/[\s,_']/g, '');
  if (cleaned === '') return null;
  const match = /^(\d+(?:\.\d+)?)([km]?)$/.exec(cleaned);
  if (!match) return Number.NaN;
  const scale = match[2] === 'k' ? 1_000 : match[2] === 'm' ? 1_000_000 : 1;
  // Rounded after scaling so "1.2m" is 1,200,000, not 1,199,999.9999.
  return scale === 1 ? Number(match[1]) : Math.round(Number(match[1]) * scale);
}

/** A percentage: "15", "12.5", "12,5" (a decimal comma), "15 %". */
export function parsePercent(raw: string): number | null {
  const cleaned = raw.trim().replace(/\s|%/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export interface ParsedOffer {
  values: OfferChange;
  /** Problems found before asking the API (empty base salary, text that is no number). */
  fieldErrors: Record<string, string[]>;
}

/** The form as the API's input; text fields are sent as typed (the API trims them). */
export function formToInput(form: OfferForm): ParsedOffer {
  const fieldErrors: Record<string, string[]> = {};
  const number = (key: keyof OfferForm, value: number | null, message = NOT_A_NUMBER) => {
    if (value !== null && Number.isNaN(value)) fieldErrors[key] = [message];
    return value;
  };
  const base = number('baseSalary', parseAmount(form.baseSalary));
  if (base === null) fieldErrors.baseSalary = ['Enter the base salary.'];
  const values: OfferChange = {
    currency: form.currency,
    baseSalary: base ?? 0,
    bonusTargetPercent: number(
      'bonusTargetPercent',
      parsePercent(form.bonusTargetPercent),
      'Enter the bonus target as a percentage of base, like 15.',
    ),
    equityDescription: form.equityDescription,
    equityAnnualValue: number('equityAnnualValue', parseAmount(form.equityAnnualValue)),
    signOnBonus: number('signOnBonus', parseAmount(form.signOnBonus)),
    benefits: form.benefits,
    ptoDays: number(
      'ptoDays',
      parseAmount(form.ptoDays),
      'Enter paid time off as a number of days.',
    ),
    location: form.location,
    workArrangement: form.workArrangement === '' ? null : form.workArrangement,
    startDate: form.startDate === '' ? null : form.startDate,
    responseDeadline: form.responseDeadline === '' ? null : new Date(form.responseDeadline),
    status: form.status,
    note: form.note,
  };
  return { values, fieldErrors };
}

type RowChange = Exclude<SyncChange, { op: 'resync' }>;

/**
 * Whether a live change may alter the offers shown: any offer of the shown
 * application (or, with no application, of the search), a shown offer gone or
 * hidden (no row), and a change to a shown offer's application (its company,
 * role or stage, or the application deleted or made private).
 */
export function offerChangeMatters(
  change: RowChange,
  shown: readonly Pick<OfferView, 'id' | 'applicationId'>[],
  applicationId: string | null = null,
): boolean {
  if (change.table === 'offers') {
    if (!change.row) return shown.some((offer) => offer.id === change.id);
    return applicationId === null || change.row.applicationId === applicationId;
  }
  if (change.table === 'applications') {
    return applicationId === null && shown.some((offer) => offer.applicationId === change.id);
  }
  return false;
}
