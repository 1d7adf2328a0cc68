// The Insights page's pure parts: ranges, how numbers read, the chart tables'
// rows and the sentences that stand in for each chart.
import { describe, expect, it, vi } from 'vitest';
import {
  debounce,
  describeBreakdown,
  describeFunnel,
  describeStageTimes,
  describeWeekly,
  formatDays,
  formatRate,
  funnel,
  headlines,
  rangeInput,
  stageTimes,
  weekLabel,
  type Summary,
} from './insights';

const DEFINITIONS = {
  applied: 'Applied: …',
  responded: 'Responded: …',
  ghosted: 'Ghosted: applied at least N days ago …',
  responseRate: 'Response rate = responded ÷ applied.',
  interviewRate: 'Interview rate = …',
  offerRate: 'Offer rate = …',
  medianDaysToFirstResponse: 'Median days …',
  timeInStage: 'Time in stage: …',
};

function summary(fields: Partial<Summary> = {}): Summary {
  const stages = {
    interested: 0,
    applied: 0,
    interviewing: 0,
    offer: 0,
    accepted: 0,
    rejected: 0,
    withdrawn: 0,
    ghosted: 0,
  };
  return {
    ownerId: 'o',
    from: null,
    to: null,
    stages,
    added: 10,
    applied: 8,
    responded: 4,
    interviewing: 3,
    offers: 1,
    accepted: 0,
    ghosted: 2,
    responseRate: 0.5,
    interviewRate: 3 / 8,
    offerRate: 1 / 8,
    medianDaysToFirstResponse: 17.5,
    medianDaysInStage: {
      ...stages,
      interested: 0,
      applied: 17.5,
      interviewing: 0,
      offer: 5,
      accepted: null,
      rejected: null,
      withdrawn: null,
      ghosted: null,
    },
    weekly: [
      { week: '2026-W47', weekStart: '2026-11-16', added: 0, applied: 2 },
      { week: '2026-W48', weekStart: '2026-11-23', added: 10, applied: 6 },
    ],
    bySource: [{ key: 'LinkedIn', applied: 3, responded: 1, responseRate: 1 / 3 }],
    byResume: [],
    definitions: DEFINITIONS,
    ghostedAfterDays: 21,
    ...fields,
  } as Summary;
}

describe('insights page', () => {
  it('counts a range back from now; all time has no bounds', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(rangeInput('all', now)).toEqual({});
    expect(rangeInput('30', now)).toEqual({ from: new Date('2026-10-31T12:00:00Z') });
    expect(rangeInput('90', now)).toEqual({ from: new Date('2026-09-01T12:00:00Z') });
  });

  it('reads rates as percentages and days with their unit, a dash when unknown', () => {
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(1 / 3)).toBe('33.3%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(formatDays(17.5)).toBe('17.5 days');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(null)).toBe('—');
  });

  it('shows each headline number with its definition, and N for ghosted', () => {
    const items = headlines(summary());
    expect(items.map((h) => [h.label, h.value])).toEqual([
      ['Applied', '8'],
      ['Responded', '4'],
      ['Ghosted', '2'],
      ['Response rate', '50%'],
      ['Interview rate', '37.5%'],
      ['Offer rate', '12.5%'],
      ['Median time to first response', '17.5 days'],
    ]);
    expect(items[3]!.definition).toBe('Response rate = responded ÷ applied.');
    expect(items[2]!.definition).toBe('Ghosted: applied at least N days ago … Here N = 21.');
  });

  it('builds the funnel from applied to accepted, as shares of applied', () => {
    const steps = funnel(summary());
    expect(steps.map((s) => [s.label, s.count, s.ofApplied])).toEqual([
      ['Applied', 8, 1],
      ['Responded', 4, 0.5],
      ['Interviewing', 3, 0.375],
      ['Offer', 1, 0.125],
      ['Accepted', 0, 0],
    ]);
    expect(describeFunnel(steps)).toBe(
      'Funnel: 8 applied, 4 responded, 3 interviewing, 1 offer, 0 accepted.',
    );
    const none = funnel(summary({ applied: 0, responded: 0, interviewing: 0, offers: 0 }));
    expect(none[1]!.ofApplied).toBeNull();
    expect(describeFunnel(none)).toBe('Funnel: no applications applied in this range.');
  });

  it('summarises the other charts in a sentence for screen readers', () => {
    expect(describeStageTimes(stageTimes(summary()))).toBe(
      'Median time in stage: Interested 0 days, Applied 17.5 days, Interviewing 0 days, Offer 5 days.',
    );
    expect(describeWeekly(summary().weekly)).toBe(
      'Weekly activity over 2 weeks: 10 added, 8 applied. The busiest week was 23 Nov 2026 with 6 applied.',
    );
    expect(describeWeekly([])).toBe('Weekly activity: nothing added or applied yet.');
    expect(describeBreakdown('By source', summary().bySource)).toBe(
      'By source: LinkedIn 33.3% of 3.',
    );
    expect(weekLabel('2026-11-23')).toBe('23 Nov 2026');
  });

  it('debounces a burst of live changes into one refetch', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const run = debounce(fn, 400);
    run();
    run();
    vi.advanceTimersByTime(399);
    run();
    vi.advanceTimersByTime(400);
    expect(fn).toHaveBeenCalledTimes(1);
    run();
    run.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
