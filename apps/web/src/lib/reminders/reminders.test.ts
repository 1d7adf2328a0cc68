import { describe, expect, it } from 'vitest';
import {
  changesReminders,
  countLabel,
  dueLabel,
  groupReminders,
  reminderHref,
  type Reminder,
} from './reminders';
import { googleCalendarUrl, webcalUrl } from './settings-links';

const NOW = new Date(2026, 10, 30, 10, 0).getTime();

function item(kind: Reminder['kind'], dueAt: Date, key = `${kind}:${dueAt.getTime()}`): Reminder {
  return {
    key,
    kind,
    applicationId: 'app-1',
    companyName: 'Initech',
    roleTitle: 'Engineer',
    dueAt,
    title: 't',
    detail: 'd',
  };
}

describe('groupReminders', () => {
  it('puts follow-ups and what is due before midnight under Today, later ones under Coming up, quiet ones last', () => {
    const overdue = item('follow_up', new Date(2026, 10, 27));
    const tonight = item('interview', new Date(2026, 10, 30, 21, 0));
    const tomorrow = item('interview', new Date(2026, 11, 1, 9, 0));
    const deadline = item('offer_deadline', new Date(2026, 11, 2, 17, 0));
    const quiet = item('quiet', new Date(2026, 10, 1));
    const groups = groupReminders([quiet, overdue, tonight, tomorrow, deadline], NOW);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.key)])).toEqual([
      ['Today', [overdue.key, tonight.key]],
      ['Coming up', [tomorrow.key, deadline.key]],
      ['Gone quiet', [quiet.key]],
    ]);
  });

  it('leaves out empty groups, and an empty list has none', () => {
    expect(groupReminders([], NOW)).toEqual([]);
    expect(groupReminders([item('quiet', new Date(NOW))], NOW).map((g) => g.label)).toEqual([
      'Gone quiet',
    ]);
  });
});

describe('dueLabel', () => {
  it('says today, tomorrow or the weekday for timed items, nothing for dated ones', () => {
    expect(dueLabel(item('interview', new Date(2026, 10, 30, 14, 0)), NOW)).toMatch(/^Today 2:00/);
    expect(dueLabel(item('interview', new Date(2026, 11, 1, 9, 30)), NOW)).toMatch(
      /^Tomorrow 9:30/,
    );
    expect(dueLabel(item('offer_deadline', new Date(2026, 11, 2, 17, 0)), NOW)).toMatch(/^Wed/);
    expect(dueLabel(item('follow_up', new Date(NOW)), NOW)).toBeNull();
    expect(dueLabel(item('quiet', new Date(NOW)), NOW)).toBeNull();
  });
});

describe('the rest', () => {
  it('links to the application, counts, and knows which live changes matter', () => {
    expect(reminderHref({ applicationId: 'abc' })).toBe('/applications/abc');
    expect(countLabel(0)).toBe('nothing due');
    expect(countLabel(3)).toBe('3 due');
    expect(changesReminders({ table: 'interviews' } as never)).toBe(true);
    expect(changesReminders({ table: 'offers' } as never)).toBe(true);
    expect(changesReminders({ table: 'applications' } as never)).toBe(true);
    expect(changesReminders({ table: 'comments' } as never)).toBe(false);
  });
});

describe('subscribe links', () => {
  it('turns the feed URL into webcal: for Apple and a Google Calendar add link', () => {
    const url = 'https://pursuit.example.com/calendar/abc_-.ics';
    expect(webcalUrl(url)).toBe('webcal://pursuit.example.com/calendar/abc_-.ics');
    expect(webcalUrl('http://localhost:3000/calendar/x.ics')).toBe(
      'webcal://localhost:3000/calendar/x.ics',
    );
    expect(googleCalendarUrl(url)).toBe(
      'https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fpursuit.example.com%2Fcalendar%2Fabc_-.ics',
    );
  });
});
