import { describe, expect, it } from 'vitest';
import type { ApplicationRow, Card } from '$lib/api/types';
import { testCard } from '$lib/board/test-cards';
import {
  enqueue,
  mapIds,
  overlayCards,
  overlayDetail,
  rebaseVersions,
  splitOnConflict,
  waitingLabel,
  type QueuedChange,
  type QueuedField,
} from './queue';

type Update = Extract<QueuedChange, { kind: 'update' }>;
type Move = Extract<QueuedChange, { kind: 'move' }>;
type Create = Extract<QueuedChange, { kind: 'create' }>;

const move = (id: string, stage: Move['stage'], extra: Partial<Move> = {}): Move => ({
  kind: 'move',
  id,
  stage,
  position: 'a5',
  label: id,
  ...extra,
});

function field(base: string, mine: string, patch: QueuedField['patch'] = {}): QueuedField {
  return { base, mine, patch };
}

const notes = (id: string, base: string, mine: string, version = 3): Update => ({
  kind: 'update',
  id,
  version,
  fields: { notes: field(base, mine, { notes: mine }) },
  label: id,
});

const create = (clientId: string, roleTitle = 'Engineer'): Create => ({
  kind: 'create',
  clientId,
  input: { companyName: 'Acme', roleTitle, jobDescription: 'A job.', stage: 'interested' },
  label: `Acme — ${roleTitle}`,
});

const row = (overrides: Partial<ApplicationRow>) =>
  ({ ...testCard({ id: 'a' }), jobDescription: '', ...overrides }) as ApplicationRow;

describe('what waits', () => {
  it('is counted as people say it', () => {
    expect(waitingLabel(0)).toBe('');
    expect(waitingLabel(1)).toBe('1 change waiting');
    expect(waitingLabel(3)).toBe('3 changes waiting');
  });

  it('keeps changes in the order they were made', () => {
    const queue = [move('a', 'applied'), notes('b', '', 'hi'), create('c')].reduce(enqueue, []);
    expect(queue.map((c) => c.kind)).toEqual(['move', 'update', 'create']);
  });

  it('keeps only the last move of a card, after what was queued since', () => {
    const queue = [move('a', 'applied'), notes('b', '', 'x'), move('a', 'offer')].reduce(
      enqueue,
      [],
    );
    expect(queue).toEqual([notes('b', '', 'x'), move('a', 'offer')]);
  });

  it('joins edits of one application into the first, with the first base and the last value', () => {
    const queue = [
      notes('a', 'old', 'new'),
      move('a', 'applied'),
      notes('a', 'new', 'newer'),
    ].reduce(enqueue, []);
    expect(queue).toHaveLength(2);
    expect(queue[0]).toEqual(notes('a', 'old', 'newer'));
  });

  it('keeps each field of a joined edit', () => {
    const second: Update = {
      kind: 'update',
      id: 'a',
      version: 3,
      fields: { location: field('', 'Berlin', { location: 'Berlin' }) },
      label: 'a',
    };
    const [joined] = enqueue([notes('a', '', 'hi')], second) as Update[];
    expect(Object.keys(joined!.fields).sort()).toEqual(['location', 'notes']);
  });

  it('drops an edit typed back to what it was', () => {
    expect([notes('a', 'old', 'new'), notes('a', 'new', 'old')].reduce(enqueue, [])).toEqual([]);
    expect(enqueue([], notes('a', 'same', 'same'))).toEqual([]);
  });

  it('never merges two applications created offline', () => {
    expect([create('c1'), create('c2')].reduce(enqueue, [])).toHaveLength(2);
  });
});

describe('applications created offline', () => {
  const created = new Map([['client-1', { id: 'server-1', version: 1 }]]);

  it('are edited on the created row, at its version', () => {
    expect(mapIds(notes('client-1', '', 'hi', 99), created)).toMatchObject({
      id: 'server-1',
      version: 1,
    });
    expect(mapIds(move('client-1', 'applied'), created)).toMatchObject({ id: 'server-1' });
  });

  it('leave changes to other applications alone', () => {
    const change = notes('other', '', 'hi');
    expect(mapIds(change, created)).toBe(change);
  });

  it('are shown on the board as drafts where they go', () => {
    const cards = overlayCards(
      [testCard({ id: 'x' })],
      [create('c1', 'Draft role')],
      'u1',
      () => 'a9',
    );
    expect(cards.map((c) => [c.id, c.roleTitle, c.position, c.userId])).toEqual([
      ['x', 'Engineer', 'a0', 'u1'],
      ['c1', 'Draft role', 'a9', 'u1'],
    ]);
  });
});

describe('a version conflict met on replay', () => {
  const change: Update = {
    kind: 'update',
    id: 'a',
    version: 3,
    fields: {
      notes: field('base', 'mine', { notes: 'mine' }),
      location: field('', 'Berlin', { location: 'Berlin' }),
    },
    label: 'Acme — Engineer',
  };

  it('retries on their version the fields they did not touch', () => {
    const { retry, conflicts } = splitOnConflict(
      change,
      row({ version: 5, notes: 'base', location: null }),
    );
    expect(conflicts).toEqual([]);
    expect(retry).toMatchObject({ version: 5 });
    expect(Object.keys(retry!.fields).sort()).toEqual(['location', 'notes']);
  });

  it('asks about a field both sides changed, and sends nothing for it', () => {
    const { retry, conflicts } = splitOnConflict(
      change,
      row({ version: 5, notes: 'theirs', location: null }),
    );
    expect(conflicts).toEqual([
      {
        applicationId: 'a',
        field: 'notes',
        label: 'Acme — Engineer',
        base: 'base',
        mine: 'mine',
        theirs: 'theirs',
        theirsVersion: 5,
        patch: { notes: 'mine' },
      },
    ]);
    expect(Object.keys(retry!.fields)).toEqual(['location']);
  });

  it('needs nothing for a field they saved the same', () => {
    const { retry, conflicts } = splitOnConflict(
      change,
      row({ version: 5, notes: 'mine', location: 'Berlin' }),
    );
    expect(retry).toBeNull();
    expect(conflicts).toEqual([]);
  });
});

describe('a replayed move', () => {
  it('carries later edits of the card to the version it made, when it was the only write', () => {
    const queue = rebaseVersions([notes('a', '', 'x', 3), notes('b', '', 'y', 3)], 'a', 3, 4);
    expect(queue.map((c) => (c as Update).version)).toEqual([4, 3]);
  });

  it('leaves them to the version check when someone else wrote in between', () => {
    const queue = rebaseVersions([notes('a', '', 'x', 3)], 'a', 3, 6);
    expect((queue[0] as Update).version).toBe(3);
  });
});

describe('the board and a page as the person left them', () => {
  it('show waiting moves and edits on top of the last copy', () => {
    const cards: Card[] = [testCard({ id: 'a' }), testCard({ id: 'b', position: 'a1' })];
    const shown = overlayCards(
      cards,
      [move('a', 'applied', { position: undefined }), notes('b', '', 'hello')],
      'u1',
      (stage) => `${stage}-end`,
    );
    expect(shown.find((c) => c.id === 'a')).toMatchObject({
      stage: 'applied',
      position: 'applied-end',
    });
    expect(shown.find((c) => c.id === 'b')?.notes).toBe('hello');
  });

  it('ignore waiting changes of other applications', () => {
    const detail = { ...row({ id: 'a', notes: 'kept' }) } as unknown as Parameters<
      typeof overlayDetail
    >[0];
    const shown = overlayDetail(detail, [notes('other', '', 'no'), move('a', 'offer')]);
    expect(shown.notes).toBe('kept');
    expect(shown.stage).toBe('offer');
  });
});
