import { describe, expect, it } from 'vitest';
import { diffStats, diffWords, foldUnchanged, readable, sideOf, tokenize } from './diff';

describe('diffWords', () => {
  it('finds no change between equal texts', () => {
    expect(diffWords('one two three', 'one two three')).toEqual([
      { kind: 'equal', text: 'one two three' },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('', 'new words')).toEqual([{ kind: 'insert', text: 'new words' }]);
    expect(diffWords('old words', '')).toEqual([{ kind: 'delete', text: 'old words' }]);
  });

  it('marks an inserted word', () => {
    expect(diffWords('a quick fox', 'a very quick fox')).toEqual([
      { kind: 'equal', text: 'a ' },
      { kind: 'insert', text: 'very ' },
      { kind: 'equal', text: 'quick fox' },
    ]);
  });

  it('marks a deleted word', () => {
    expect(diffWords('a very quick fox', 'a quick fox')).toEqual([
      { kind: 'equal', text: 'a ' },
      { kind: 'delete', text: 'very ' },
      { kind: 'equal', text: 'quick fox' },
    ]);
  });

  it('reads a replaced phrase as one deletion then one insertion', () => {
    expect(diffWords('the quick brown fox jumps', 'the slow red fox jumps')).toEqual([
      { kind: 'equal', text: 'the ' },
      { kind: 'delete', text: 'quick brown' },
      { kind: 'insert', text: 'slow red' },
      { kind: 'equal', text: ' fox jumps' },
    ]);
  });

  it('compares whole words, not characters', () => {
    const parts = diffWords('Kubernetes experience', 'Kubernetes experiences');
    expect(parts).toContainEqual({ kind: 'delete', text: 'experience' });
    expect(parts).toContainEqual({ kind: 'insert', text: 'experiences' });
  });

  it('treats reflowed whitespace as no change but keeps paragraph breaks significant', () => {
    expect(diffWords('one  two\tthree', 'one two three')).toEqual([
      { kind: 'equal', text: 'one two three' },
    ]);
    const parts = diffWords('one two', 'one\n\ntwo');
    expect(parts.some((p) => p.kind !== 'equal')).toBe(true);
  });

  it('rebuilds both sides exactly from the parts', () => {
    const cases: [string, string][] = [
      [
        '# Research\n\nThe role in brief.\n\n- Go\n- SQL',
        '# Research\n\nThe role, briefly.\n\n- Go\n- Postgres\n- SQL',
      ],
      ['alpha beta gamma delta', 'delta gamma beta alpha'],
      ['x', 'y'],
      ['same start, different end', 'same start, other ending here'],
    ];
    for (const [before, after] of cases) {
      const parts = diffWords(before, after);
      expect(sideOf(parts, 'before')).toBe(before);
      expect(sideOf(parts, 'after')).toBe(after);
    }
  });

  it('finds a shortest script on random edits of a text', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const vocabulary = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (let round = 0; round < 200; round += 1) {
      const words = Array.from(
        { length: Math.floor(random() * 30) },
        () => vocabulary[Math.floor(random() * 6)]!,
      );
      const edited = words.flatMap((word) => {
        const roll = random();
        if (roll < 0.15) return [];
        if (roll < 0.3) return [word, vocabulary[Math.floor(random() * 6)]!];
        return [word];
      });
      const before = words.join(' ');
      const after = edited.join(' ');
      const parts = diffWords(before, after);
      expect(sideOf(parts, 'before')).toBe(before);
      expect(sideOf(parts, 'after')).toBe(after);
      // Never more edited words than a full rewrite.
      const stats = diffStats(parts);
      expect(stats.inserted + stats.deleted).toBeLessThanOrEqual(words.length + edited.length);
    }
  });

  it('falls back to one replacement when the texts share nothing and are huge', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    const parts = diffWords(before, after);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
  });
});

describe('diffStats', () => {
  it('counts words, not whitespace', () => {
    expect(diffStats(diffWords('one two three', 'one four five three six'))).toEqual({
      inserted: 3,
      deleted: 1,
    });
  });
});

describe('tokenize', () => {
  it('keeps every character, alternating words and whitespace', () => {
    expect(tokenize('  hi there\n')).toEqual(['  ', 'hi', ' ', 'there', '\n']);
  });
});

describe('foldUnchanged', () => {
  const lines = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

  it('keeps two lines of context around a change and folds the rest', () => {
    const before = `${lines(1, 10)}old\n${lines(12, 20)}`;
    const after = `${lines(1, 10)}new\n${lines(12, 20)}`;
    const rows = foldUnchanged(diffWords(before, after));
    expect(rows[0]).toEqual({ kind: 'fold', text: lines(1, 8), lines: 8 });
    expect(rows[1]).toEqual({ kind: 'equal', text: lines(9, 10) });
    expect(rows.filter((r) => r.kind === 'fold')).toHaveLength(2);
    expect(rows.at(-1)).toEqual({ kind: 'fold', text: lines(14, 20), lines: 7 });
    // Nothing is lost: the rows still spell out the new text.
    expect(
      rows
        .filter((r) => r.kind !== 'delete')
        .map((r) => r.text)
        .join(''),
    ).toBe(after);
  });

  it('leaves short unchanged runs alone', () => {
    const parts = diffWords('a\nb\nc old', 'a\nb\nc new');
    expect(foldUnchanged(parts).some((r) => r.kind === 'fold')).toBe(false);
  });
});

describe('readable', () => {
  it('does not mark a change of whitespace alone', () => {
    // The server trims a hand edit, so the old trailing newline is gone.
    const parts = readable(diffWords('Questions?\n', 'Questions?\n\nAsk about on-call.'));
    expect(parts.filter((p) => p.kind === 'delete')).toEqual([]);
    expect(parts.find((p) => p.kind === 'insert')?.text).toContain('Ask about on-call.');
    expect(sideOf(parts, 'after')).toBe('Questions?\n\nAsk about on-call.');
  });

  it('keeps word changes marked', () => {
    expect(readable(diffWords('a b c', 'a x c'))).toEqual(diffWords('a b c', 'a x c'));
  });
});
