import { describe, expect, it } from 'vitest';
import {
  colorFor,
  initials,
  reducePresence,
  splitOverflow,
  typingLine,
  type PresenceEntry,
} from './presence';

const board = { kind: 'board' } as const;
function entry(userId: string, tabId: string, since: string, typing = false): PresenceEntry {
  return { userId, name: userId === 'sam' ? 'Sam Lee' : 'Ada', tabId, where: board, typing, since };
}

describe('who else is here', () => {
  it('shows each person once however many tabs they have open', () => {
    const people = reducePresence(
      [
        entry('sam', 't1', '2026-11-30T10:00:05Z'),
        entry('sam', 't2', '2026-11-30T10:00:01Z', true),
        entry('ada', 't3', '2026-11-30T10:00:03Z'),
      ],
      'mine',
    );
    expect(people).toEqual([
      {
        userId: 'sam',
        name: 'Sam Lee',
        typing: true,
        since: Date.parse('2026-11-30T10:00:01Z'),
        tabs: 2,
      },
      {
        userId: 'ada',
        name: 'Ada',
        typing: false,
        since: Date.parse('2026-11-30T10:00:03Z'),
        tabs: 1,
      },
    ]);
  });

  it('leaves out this tab but keeps the same person in another tab', () => {
    const people = reducePresence(
      [
        entry('me', 'this-tab', '2026-11-30T10:00:00Z'),
        entry('me', 'other-tab', '2026-11-30T10:00:02Z'),
      ],
      'this-tab',
    );
    expect(people.map((p) => [p.userId, p.tabs])).toEqual([['me', 1]]);
    expect(reducePresence([entry('me', 'this-tab', '2026-11-30T10:00:00Z')], 'this-tab')).toEqual(
      [],
    );
  });

  it('orders by arrival, so avatars do not jump when someone starts typing', () => {
    const before = reducePresence(
      [entry('ada', 'a', '2026-11-30T10:00:00Z'), entry('sam', 's', '2026-11-30T10:01:00Z')],
      'x',
    );
    const after = reducePresence(
      [entry('sam', 's', '2026-11-30T10:01:00Z', true), entry('ada', 'a', '2026-11-30T10:00:00Z')],
      'x',
    );
    expect(before.map((p) => p.userId)).toEqual(after.map((p) => p.userId));
  });
});

describe('avatars', () => {
  it('shows up to the limit, or one fewer and "+n" when more are here', () => {
    expect(splitOverflow([1, 2, 3, 4], 4)).toEqual({ shown: [1, 2, 3, 4], more: 0 });
    expect(splitOverflow([1, 2, 3, 4, 5, 6], 4)).toEqual({ shown: [1, 2, 3], more: 3 });
  });

  it('uses first and last initials', () => {
    expect(initials('Sam Lee')).toBe('SL');
    expect(initials('  ada  ')).toBe('A');
    expect(initials('Mary Ann de la Cruz')).toBe('MC');
    expect(initials('')).toBe('?');
  });

  it('gives each person a stable colour of their own', () => {
    const a = colorFor('0d8f3c8e-1a2b-4c5d-8e9f-000000000001');
    expect(a).toBe(colorFor('0d8f3c8e-1a2b-4c5d-8e9f-000000000001'));
    expect(a).not.toBe(colorFor('0d8f3c8e-1a2b-4c5d-8e9f-000000000002'));
    expect(a).toMatch(/^hsl\(\d+ 55% 38%\)$/);
  });
});

describe('the typing line', () => {
  it('names one or two people and counts more', () => {
    expect(typingLine([])).toBeNull();
    expect(typingLine(['Sam'])).toBe('Sam is typing…');
    expect(typingLine(['Sam', 'Ada'])).toBe('Sam and Ada are typing…');
    expect(typingLine(['Sam', 'Ada', 'Lin'])).toBe('3 people are typing…');
  });
});
