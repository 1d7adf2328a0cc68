import { describe, expect, it } from 'vitest';
import { belongsTo, changeOwner } from './owner';
import type { SyncChange } from '$lib/api/types';

type RowChange = Exclude<SyncChange, { op: 'resync' }>;

const change = (table: string, row: Record<string, unknown> | null, op = 'update') =>
  ({ table, op, id: 'r1', row }) as unknown as RowChange;

describe('whose search a live change belongs to', () => {
  it('an application belongs to its user_id', () => {
    expect(changeOwner(change('applications', { id: 'r1', userId: 'sam' }))).toBe('sam');
  });

  it('a comment belongs to the search it was written in, not to its author', () => {
    const row = { id: 'r1', ownerId: 'sam', authorId: 'coach' };
    expect(changeOwner(change('comments', row))).toBe('sam');
    expect(belongsTo(change('comments', row), 'sam')).toBe(true);
    expect(belongsTo(change('comments', row), 'coach')).toBe(false);
  });

  it("a view of my own board ignores another owner's card that reaches me as a grantee", () => {
    const theirs = change('applications', { id: 'r1', userId: 'sam' });
    expect(belongsTo(theirs, 'me')).toBe(false);
    expect(belongsTo(theirs, 'sam')).toBe(true);
  });

  it('a delete (no row) reaches every view, which removes by id', () => {
    expect(changeOwner(change('applications', null, 'delete'))).toBeNull();
    expect(belongsTo(change('applications', null, 'delete'), 'me')).toBe(true);
    expect(belongsTo(change('applications', null, 'update'), 'sam')).toBe(true);
  });

  it('profile rows, resumes and skills belong to their user_id', () => {
    for (const table of ['profiles', 'resumes', 'skills', 'work_experiences']) {
      expect(belongsTo(change(table, { id: 'r1', userId: 'sam' }), 'me')).toBe(false);
      expect(belongsTo(change(table, { id: 'r1', userId: 'me' }), 'me')).toBe(true);
    }
  });
});
