// The one function behind every offer total, checked against sums worked out
// by hand: first year = base + base × bonus % + equity per year + sign-on;
// steady state = the same without the sign-on; nothing converts currencies.
import { describe, expect, it } from 'vitest';
import { compensation } from '../../src/offers/compensation';

describe('compensation', () => {
  it('adds base, bonus, equity and sign-on for the first year, and leaves out the sign-on after', () => {
    expect(
      compensation({
        currency: 'USD',
        baseSalary: 150_000,
        bonusTargetPercent: 15,
        equityAnnualValue: 40_000,
        signOnBonus: 20_000,
      }),
    ).toEqual({
      currency: 'USD',
      base: 150_000,
      bonus: 22_500,
      equity: 40_000,
      signOn: 20_000,
      firstYear: 232_500,
      steadyState: 212_500,
      missing: [],
    });
  });

  it('counts parts the offer does not state as 0 and says which they are', () => {
    const total = compensation({
      currency: 'EUR',
      baseSalary: 90_000,
      bonusTargetPercent: null,
      equityAnnualValue: null,
      signOnBonus: 5_000,
    });
    expect(total).toMatchObject({
      bonus: 0,
      equity: 0,
      firstYear: 95_000,
      steadyState: 90_000,
      missing: ['bonus', 'equity'],
    });
  });

  it('a bonus with two decimals is exact, and a half unit rounds up', () => {
    // 12.35 % of 99,999 = 12,349.8765 → 12,350.
    expect(
      compensation({
        currency: 'GBP',
        baseSalary: 99_999,
        bonusTargetPercent: 12.35,
        equityAnnualValue: 0,
        signOnBonus: 0,
      }),
    ).toMatchObject({ bonus: 12_350, firstYear: 112_349, steadyState: 112_349, missing: [] });
    // 0.01 % of 50 = 0.005 → 0; 0.01 % of 5,000 = 0.5 → 1 (half up).
    const tiny = (baseSalary: number) =>
      compensation({
        currency: 'JPY',
        baseSalary,
        bonusTargetPercent: 0.01,
        equityAnnualValue: null,
        signOnBonus: null,
      }).bonus;
    expect(tiny(50)).toBe(0);
    expect(tiny(5_000)).toBe(1);
  });

  it('float percentages that binary cannot hold still give the exact bonus', () => {
    // 0.07 × 100 is 7.000000000000001 in binary floating point.
    expect(
      compensation({
        currency: 'USD',
        baseSalary: 100_000,
        bonusTargetPercent: 0.07,
        equityAnnualValue: null,
        signOnBonus: null,
      }).bonus,
    ).toBe(70);
    // 33.33 % of 300,000 = 99,990.
    expect(
      compensation({
        currency: 'USD',
        baseSalary: 300_000,
        bonusTargetPercent: 33.33,
        equityAnnualValue: null,
        signOnBonus: null,
      }).bonus,
    ).toBe(99_990);
  });

  it('handles the largest values the columns hold without losing a unit', () => {
    const max = 2_147_483_647;
    const total = compensation({
      currency: 'KRW',
      baseSalary: max,
      bonusTargetPercent: 500,
      equityAnnualValue: max,
      signOnBonus: max,
    });
    expect(total.bonus).toBe(max * 5);
    expect(total.steadyState).toBe(max * 7);
    expect(total.firstYear).toBe(max * 8);
  });

  it('keeps the currency as given and never converts', () => {
    const inYen = compensation({
      currency: 'JPY',
      baseSalary: 12_000_000,
      bonusTargetPercent: 10,
      equityAnnualValue: null,
      signOnBonus: null,
    });
    expect(inYen).toMatchObject({ currency: 'JPY', firstYear: 13_200_000 });
  });
});
