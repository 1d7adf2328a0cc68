// What an offer is worth in a year, computed one way for the API, the compare
// page and every test: first year = base + base × bonus % + equity per year +
// sign-on; steady state = the same without the sign-on (paid once).
// Amounts stay in the offer's own currency: nothing here converts, so two
// totals compare only when their currencies match.

/** The parts of an offer the totals need (an offer row has them all). */
export interface CompensationInput {
  currency: string;
  baseSalary: number;
  /** Target bonus, percent of base (0–500, at most two decimals); null when not given. */
  bonusTargetPercent: number | null;
  /** The person's estimate of the equity per year; null when not given. */
  equityAnnualValue: number | null;
  /** Paid once, in the first year; null when not given. */
  signOnBonus: number | null;
}

/** A part of the total the offer did not state; counted as 0 and reported. */
export type CompensationPart = 'bonus' | 'equity' | 'signOn';

export interface Compensation {
  currency: string;
  base: number;
  bonus: number;
  equity: number;
  signOn: number;
  firstYear: number;
  steadyState: number;
  /** Parts not given on the offer, counted as 0 (in the order bonus, equity, sign-on). */
  missing: CompensationPart[];
}

/**
 * The yearly totals of one offer, in whole units of its currency. The bonus
 * is rounded half up to a whole unit; the rest are whole already. Percent is
 * taken in hundredths so 12.35 % of a salary is exact, not a float's guess.
 */
export function compensation(offer: CompensationInput): Compensation {
  const missing: CompensationPart[] = [];
  if (offer.bonusTargetPercent == null) missing.push('bonus');
  if (offer.equityAnnualValue == null) missing.push('equity');
  if (offer.signOnBonus == null) missing.push('signOn');

  const base = offer.baseSalary;
  const hundredthsOfPercent = Math.round((offer.bonusTargetPercent ?? 0) * 100);
  // base × hundredths is an exact integer below 2^53 (base < 2^31, ≤ 50,000).
  const bonus = Math.floor((base * hundredthsOfPercent + 5_000) / 10_000);
  const equity = offer.equityAnnualValue ?? 0;
  const signOn = offer.signOnBonus ?? 0;
  const steadyState = base + bonus + equity;
  return {
    currency: offer.currency,
    base,
    bonus,
    equity,
    signOn,
    firstYear: steadyState + signOn,
    steadyState,
    missing,
  };
}
