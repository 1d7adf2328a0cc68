import { describe, expect, it } from 'vitest';
import { WORK_ARRANGEMENT_LABELS } from '$lib/api/labels';
import {
  countdown,
  emptyOfferForm,
  formatMoney,
  formatPercent,
  formToInput,
  groupByCurrency,
  isBest,
  missingSentence,
  offerToForm,
  parseAmount,
  parsePercent,
  placeOf,
  type OfferView,
} from './offers';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

function offer(id: string, fields: Partial<OfferView> & { firstYear?: number; steady?: number }) {
  const { firstYear = 100, steady = 100, ...rest } = fields;
  const currency = rest.currency ?? 'USD';
  return {
    id,
    applicationId: `app-${id}`,
    userId: 'u',
    currency,
    baseSalary: 100,
    bonusTargetPercent: null,
    equityDescription: null,
    equityAnnualValue: null,
    signOnBonus: null,
    benefits: null,
    ptoDays: null,
    location: null,
    workArrangement: null,
    startDate: null,
    responseDeadline: null,
    status: 'pending',
    note: null,
    createdAt: new Date(NOW),
    updatedAt: new Date(NOW),
    companyName: 'Initech',
    roleTitle: 'Engineer',
    applicationStage: 'offer',
    compensation: {
      currency,
      base: 100,
      bonus: 0,
      equity: 0,
      signOn: 0,
      firstYear,
      steadyState: steady,
      missing: [],
    },
    ...rest,
  } as OfferView;
}

describe('the deadline countdown', () => {
  it('reads in days and hours, then hours and minutes, then minutes', () => {
    expect(countdown(new Date(NOW + 76 * HOUR + 10 * 60_000), NOW)).toEqual({
      text: '3 days 4 h left',
      urgency: 'later',
    });
    expect(countdown(new Date(NOW + 24 * HOUR), NOW)).toEqual({
      text: '1 day left',
      urgency: 'soon',
    });
    expect(countdown(new Date(NOW + 5 * HOUR + 12 * 60_000), NOW)?.text).toBe('5 h 12 min left');
    expect(countdown(new Date(NOW + 2 * HOUR), NOW)?.text).toBe('2 h left');
    expect(countdown(new Date(NOW + 8 * 60_000 + 30_000), NOW)?.text).toBe('8 min left');
    expect(countdown(new Date(NOW + 20_000), NOW)?.text).toBe('1 min left');
  });

  it('says Expired once the deadline has passed, and nothing without one', () => {
    expect(countdown(new Date(NOW), NOW)).toEqual({ text: 'Expired', urgency: 'expired' });
    expect(countdown('2026-11-30T12:00:00Z', NOW)?.text).toBe('Expired');
    expect(countdown(null, NOW)).toBeNull();
  });

  it('flags a deadline within 72 hours as soon', () => {
    expect(countdown(new Date(NOW + 71 * HOUR), NOW)?.urgency).toBe('soon');
    expect(countdown(new Date(NOW + 72 * HOUR), NOW)?.urgency).toBe('later');
  });
});

describe('comparing offers by currency', () => {
  it('keeps each currency apart, in the order they first appear, and never converts', () => {
    const groups = groupByCurrency([
      offer('a', { currency: 'USD', firstYear: 200, steady: 180 }),
      offer('b', { currency: 'EUR', firstYear: 999, steady: 999 }),
      offer('c', { currency: 'USD', firstYear: 210, steady: 170 }),
    ]);
    expect(groups.map((g) => [g.currency, g.offers.map((o) => o.id)])).toEqual([
      ['USD', ['a', 'c']],
      ['EUR', ['b']],
    ]);
    // The best first year and the best steady state may be different offers.
    expect(groups[0]).toMatchObject({ bestFirstYear: 210, bestSteadyState: 180 });
    // One offer alone in its currency has nothing to beat.
    expect(groups[1]).toMatchObject({ bestFirstYear: null, bestSteadyState: null });
  });

  it('leaves declined and expired offers out of "best", and lets ties share it', () => {
    const declined = offer('d', { firstYear: 500, status: 'declined' });
    const a = offer('a', { firstYear: 300 });
    const b = offer('b', { firstYear: 300, status: 'accepted' });
    const [group] = groupByCurrency([declined, a, b]);
    expect(group?.bestFirstYear).toBe(300);
    expect(isBest(a, group!.bestFirstYear, 300)).toBe(true);
    expect(isBest(b, group!.bestFirstYear, 300)).toBe(true);
    expect(isBest(declined, group!.bestFirstYear, 500)).toBe(false);
    const [onlyOne] = groupByCurrency([declined, a]);
    expect(onlyOne?.bestFirstYear).toBeNull();
  });
});

describe('formatting', () => {
  it('shows money in the offer’s currency, whole units', () => {
    expect(formatMoney(232_500, 'USD')).toBe('$232,500');
    expect(formatMoney(90_000, 'EUR')).toBe('€90,000');
    expect(formatMoney(12_000_000, 'JPY')).toBe('¥12,000,000');
    expect(formatMoney(5, 'ZZZ')).toMatch(/5/);
  });

  it('percentages, missing parts and the place', () => {
    expect(formatPercent(15)).toBe('15 %');
    expect(formatPercent(12.5)).toBe('12.5 %');
    expect(missingSentence([])).toBeNull();
    expect(missingSentence(['signOn'])).toBe('No sign-on bonus given (counted as 0).');
    expect(missingSentence(['bonus', 'equity', 'signOn'])).toBe(
      'No bonus, equity or sign-on bonus given (counted as 0).',
    );
    expect(placeOf('Berlin', 'hybrid', WORK_ARRANGEMENT_LABELS)).toBe('Berlin · Hybrid');
    expect(placeOf(' ', 'remote', WORK_ARRANGEMENT_LABELS)).toBe('Remote');
    expect(placeOf(null, null, WORK_ARRANGEMENT_LABELS)).toBeNull();
  });
});

describe('the offer form', () => {
  it('reads amounts as people type them', () => {
    expect(parseAmount('150000')).toBe(150_000);
    expect(parseAmount(' 150,000 ')).toBe(150_000);
    expect(parseAmount('150 000')).toBe(150_000);
    expect(parseAmount('150k')).toBe(150_000);
    expect(parseAmount('1.2M')).toBe(1_200_000);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('lots')).toBeNaN();
    expect(parseAmount('-5')).toBeNaN();
    expect(parsePercent('12,5')).toBe(12.5);
    expect(parsePercent('15 %')).toBe(15);
    expect(parsePercent('')).toBeNull();
    expect(parsePercent('ten')).toBeNaN();
  });

  it('turns the form into the API’s input, blanks into nulls', () => {
    const form = {
      ...emptyOfferForm('EUR'),
      baseSalary: '90k',
      bonusTargetPercent: '10',
      workArrangement: 'remote' as const,
      startDate: '2027-01-04',
      responseDeadline: '2026-12-15T17:00',
    };
    const { values, fieldErrors } = formToInput(form);
    expect(fieldErrors).toEqual({});
    expect(values).toMatchObject({
      currency: 'EUR',
      baseSalary: 90_000,
      bonusTargetPercent: 10,
      equityAnnualValue: null,
      signOnBonus: null,
      ptoDays: null,
      workArrangement: 'remote',
      startDate: '2027-01-04',
      status: 'pending',
    });
    expect(values.responseDeadline).toEqual(new Date('2026-12-15T17:00'));
  });

  it('says which fields are missing or not numbers before asking the API', () => {
    const { fieldErrors } = formToInput({
      ...emptyOfferForm(),
      bonusTargetPercent: 'a lot',
      ptoDays: 'many',
    });
    expect(fieldErrors).toEqual({
      baseSalary: ['Enter the base salary.'],
      bonusTargetPercent: ['Enter the bonus target as a percentage of base, like 15.'],
      ptoDays: ['Enter paid time off as a number of days.'],
    });
  });

  it('fills the form from an offer and back to the same values', () => {
    const shown = offer('a', {
      baseSalary: 150_000,
      bonusTargetPercent: 12.5,
      signOnBonus: 0,
      startDate: '2027-01-04',
      responseDeadline: new Date('2026-12-15T17:00:00Z'),
      note: 'Ask about equity.',
    });
    const form = offerToForm(shown);
    expect(form).toMatchObject({
      baseSalary: '150000',
      bonusTargetPercent: '12.5',
      signOnBonus: '0',
      equityAnnualValue: '',
      note: 'Ask about equity.',
    });
    const { values } = formToInput(form);
    expect(values).toMatchObject({ baseSalary: 150_000, bonusTargetPercent: 12.5, signOnBonus: 0 });
    expect(new Date(values.responseDeadline as Date).getTime()).toBe(
      Date.parse('2026-12-15T17:00:00Z'),
    );
  });
});
