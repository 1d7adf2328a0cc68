import { describe, expect, it } from 'vitest';
import { mergeNotes, resolveField, resolveNotes } from './conflict';

describe('a field saved on a stale version', () => {
  it('is retried when the other side did not change it', () => {
    expect(resolveField('Acme', 'Acme Corp', 'Acme')).toEqual({ kind: 'retry' });
  });
  it('needs nothing when both sides saved the same value', () => {
    expect(resolveField('a', 'b', 'b')).toEqual({ kind: 'same' });
  });
  it('is a conflict when both sides changed it differently', () => {
    expect(resolveField('a', 'b', 'c')).toEqual({ kind: 'conflict' });
  });
  it('compares with a custom equality', () => {
    const sameDay = (x: Date, y: Date) => x.getTime() === y.getTime();
    expect(resolveField(new Date(1), new Date(2), new Date(1), sameDay)).toEqual({ kind: 'retry' });
  });
});

describe('merging notes by hand', () => {
  it('takes mine when they kept the base, and theirs when I did', () => {
    expect(mergeNotes('x', 'x plus mine', 'x')).toEqual({ clean: true, text: 'x plus mine' });
    expect(mergeNotes('x', 'x', 'x plus theirs')).toEqual({ clean: true, text: 'x plus theirs' });
  });

  it('keeps both additions when both only appended', () => {
    const base = 'Call recruiter.\n';
    const result = mergeNotes(base, `${base}Mine: sent CV.\n`, `${base}Theirs: got reply.\n`);
    expect(result.clean).toBe(true);
    expect(result.text).toBe('Call recruiter.\nTheirs: got reply.\nMine: sent CV.\n');
  });

  it('keeps both when the notes started empty', () => {
    expect(mergeNotes(null, 'mine', 'theirs')).toEqual({ clean: true, text: 'theirs\nmine' });
  });

  it('lays out both versions, marked, when they truly diverge', () => {
    const result = mergeNotes('a b c', 'a B c', 'a b C');
    expect(result.clean).toBe(false);
    expect(result.text).toContain('a b C');
    expect(result.text).toContain('----- your version -----');
    expect(result.text).toContain('a B c');
  });

  it('treats CRLF and LF alike', () => {
    expect(mergeNotes('a\r\n', 'a\n', 'a\r\n')).toEqual({ clean: true, text: 'a\n' });
  });
});

describe('resolving a notes conflict', () => {
  const conflict = { base: 'a', mine: 'a mine', theirs: 'a theirs', theirsVersion: 7 };
  it('keep mine saves mine on their version (never the stale one)', () => {
    expect(resolveNotes(conflict, 'mine')).toEqual({ notes: 'a mine', version: 7 });
  });
  it('take theirs saves nothing', () => {
    expect(resolveNotes(conflict, 'theirs')).toEqual({ notes: null, version: 7 });
  });
  it('merge saves the hand-merged text on their version', () => {
    expect(resolveNotes(conflict, 'merge', 'edited')).toEqual({ notes: 'edited', version: 7 });
  });
});
