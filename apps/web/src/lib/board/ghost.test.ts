import { describe, expect, it } from 'vitest';
import { daysSince, inAWeek, quietDays, quietLabel, type QuietCard } from './ghost';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const TODAY = '2026-11-30';

function card(overrides: Partial<QuietCard> = {}): QuietCard {
  return {
    stage: 'applied',
    appliedAt: new Date(NOW - 23 * DAY),
    archivedAt: null,
    followUpOn: null,
    ...overrides,
  };
}

describe('a quiet card', () => {
  it('is applied at least N days ago, and says how many', () => {
    expect(quietDays(card(), NOW, 21, TODAY)).toBe(23);
    expect(quietDays(card({ appliedAt: new Date(NOW - 21 * DAY) }), NOW, 21, TODAY)).toBe(21);
    expect(quietLabel(23)).toBe('No reply in 23 days');
    expect(quietLabel(1)).toBe('No reply in 1 day');
  });

  it('is not quiet a moment before the threshold', () => {
    expect(quietDays(card({ appliedAt: new Date(NOW - 21 * DAY + 1000) }), NOW, 21, TODAY)).toBe(
      null,
    );
  });

  it('follows the configured number of days', () => {
    expect(quietDays(card(), NOW, 30, TODAY)).toBeNull();
    expect(quietDays(card(), NOW, 7, TODAY)).toBe(23);
  });

  it('takes the applied date as the API sends it (a string) too', () => {
    expect(
      quietDays(
        card({ appliedAt: new Date(NOW - 30 * DAY).toISOString() as unknown as Date }),
        NOW,
        21,
        TODAY,
      ),
    ).toBe(30);
  });

  it('is only a card still at Applied, with a date, not archived', () => {
    for (const stage of [
      'interested',
      'interviewing',
      'offer',
      'rejected',
      'withdrawn',
      'ghosted',
    ] as const)
      expect(quietDays(card({ stage }), NOW, 21, TODAY)).toBeNull();
    expect(quietDays(card({ appliedAt: null }), NOW, 21, TODAY)).toBeNull();
    expect(quietDays(card({ archivedAt: new Date(NOW) }), NOW, 21, TODAY)).toBeNull();
  });

  it('waits while a follow-up date is still ahead, and comes back on that day', () => {
    expect(quietDays(card({ followUpOn: '2026-12-03' }), NOW, 21, TODAY)).toBeNull();
    expect(quietDays(card({ followUpOn: TODAY }), NOW, 21, TODAY)).toBe(23);
    expect(quietDays(card({ followUpOn: '2026-11-20' }), NOW, 21, TODAY)).toBe(23);
  });

  it('counts whole days, never negative', () => {
    expect(daysSince(new Date(NOW + DAY), NOW)).toBe(0);
    expect(daysSince(new Date(NOW - 1.9 * DAY), NOW)).toBe(1);
  });

  it('suggests a follow-up a week ahead, across a month end', () => {
    expect(inAWeek('2026-11-28')).toBe('2026-12-05');
  });
});
