// Outcomes on an application (issue 13): the optional rejection reason asked
// on a move to Rejected, the applied date typed as a day, the company history
// looked up while a name is typed, and what was sent kept current live.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationDetail, SyncChange } from '$lib/api/types';

const api = vi.hoisted(() => ({
  move: vi.fn(),
  byId: vi.fn(),
  companyHistory: vi.fn(),
}));
vi.mock('$lib/api/trpc', () => ({
  trpc: {
    application: {
      move: { mutate: api.move },
      byId: { query: api.byId },
      companyHistory: { query: api.companyHistory },
    },
  },
}));

const { ApplicationState } = await import('./application.svelte');
const { RejectionPrompt, cleanReason, REJECTION_REASON_MAX } = await import('./rejection.svelte');
const { appliedAtFor, formatAppliedDay, patchFor, textOf, FUTURE_APPLIED_MESSAGE } =
  await import('./fields');
const { CompanyHistoryLookup, COMPANY_LOOKUP_DELAY_MS } = await import('./company-history.svelte');

type Change = Exclude<SyncChange, { op: 'resync' }>;

function detail(overrides: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    id: 'app-1',
    companyName: 'Acme',
    roleTitle: 'Staff Engineer',
    stage: 'interviewing',
    version: 3,
    appliedAt: null,
    interviews: [],
    contacts: [],
    history: [],
    sent: [],
    access: { ownerId: 'owner-1', role: 'owner' },
    ...overrides,
  } as unknown as ApplicationDetail;
}

beforeEach(() => vi.clearAllMocks());

describe('the rejection reason', () => {
  it('is trimmed, nothing when blank, and cut at the API’s 500 characters', () => {
    expect(cleanReason('  Position filled ')).toBe('Position filled');
    expect(cleanReason('   ')).toBeUndefined();
    expect(cleanReason(null)).toBeUndefined();
    expect(cleanReason('x'.repeat(600))).toHaveLength(REJECTION_REASON_MAX);
  });

  it('is asked once at a time: a second question skips the first', async () => {
    const prompt = new RejectionPrompt();
    const first = prompt.ask('Acme — A');
    const second = prompt.ask('Globex — B');
    expect(prompt.pending?.subject).toBe('Globex — B');
    prompt.answer(' Role cancelled ');
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBe('Role cancelled');
    expect(prompt.pending).toBeNull();
  });

  it('moving to Rejected from the page asks, then moves with the reason given', async () => {
    const model = new ApplicationState(detail());
    api.move.mockResolvedValue({ id: 'app-1', stage: 'rejected', version: 4 });
    api.byId.mockResolvedValue(detail({ stage: 'rejected', version: 4 }));
    const moving = model.changeStage('rejected');
    expect(model.rejection.pending?.subject).toBe('Acme — Staff Engineer');
    expect(api.move).not.toHaveBeenCalled();
    model.rejection.answer('Position filled');
    await moving;
    expect(api.move).toHaveBeenCalledWith({
      id: 'app-1',
      stage: 'rejected',
      rejectionReason: 'Position filled',
    });
    expect(model.app.stage).toBe('rejected');
  });

  it('skipping still moves, without a reason; other stages never ask', async () => {
    const model = new ApplicationState(detail());
    api.move.mockResolvedValue({ id: 'app-1', stage: 'rejected', version: 4 });
    api.byId.mockResolvedValue(detail({ stage: 'rejected', version: 4 }));
    const moving = model.changeStage('rejected');
    model.rejection.skip();
    await moving;
    expect(api.move).toHaveBeenLastCalledWith({ id: 'app-1', stage: 'rejected' });

    await model.changeStage('ghosted');
    expect(model.rejection.pending).toBeNull();
    expect(api.move).toHaveBeenLastCalledWith({ id: 'app-1', stage: 'ghosted' });
  });
});

describe('the applied date', () => {
  const now = new Date(2026, 10, 30, 9, 15); // 30 Nov 2026, 09:15 local

  it('records midday of a past day, where the person is', () => {
    const result = appliedAtFor('2026-11-03', now);
    expect(result).toEqual({ date: new Date(2026, 10, 3, 12, 0) });
  });

  it('records now for today (midday would be ahead of the clock)', () => {
    expect(appliedAtFor('2026-11-30', now)).toEqual({ date: now });
  });

  it('refuses a day after today with the API’s words, and a day that does not exist', () => {
    expect(appliedAtFor('2026-12-01', now)).toEqual({ error: FUTURE_APPLIED_MESSAGE });
    expect(appliedAtFor('2026-02-30', now)).toEqual({ error: 'Use a date like 2026-11-03.' });
    expect(appliedAtFor('yesterday', now)).toEqual({ error: 'Use a date like 2026-11-03.' });
  });

  it('is a patch of the update, cleared by an empty field', () => {
    expect(patchFor('appliedAt', '', now)).toEqual({ appliedAt: null });
    expect(patchFor('appliedAt', '2026-11-03', now)).toEqual({
      appliedAt: new Date(2026, 10, 3, 12, 0),
    });
    expect(patchFor('rejectionReason', '  ')).toEqual({ rejectionReason: null });
  });

  it('shows as a day: the editor’s value and "3 Nov 2026"', () => {
    const app = detail({ appliedAt: new Date(2026, 10, 3, 12, 0) });
    expect(textOf(app, 'appliedAt')).toBe('2026-11-03');
    expect(textOf(detail(), 'appliedAt')).toBe('');
    expect(formatAppliedDay(new Date(2026, 10, 3, 12, 0))).toBe('3 Nov 2026');
  });
});

describe('what was sent, live', () => {
  it('reloads when a sent material of this application changes, or one shown is removed', () => {
    const model = new ApplicationState(
      detail({ sent: [{ id: 's1', kind: 'resume' }] as ApplicationDetail['sent'] }),
    );
    const refresh = vi.spyOn(model, 'refresh').mockResolvedValue();
    const change = (row: object | null, id = 's2') =>
      ({ table: 'sent_materials', op: row ? 'insert' : 'delete', id, row }) as unknown as Change;
    model.apply(change({ id: 's2', userId: 'owner-1', applicationId: 'app-1' }));
    model.apply(change({ id: 's3', userId: 'owner-1', applicationId: 'app-2' }));
    model.apply(change(null, 's1'));
    model.apply(change(null, 'unknown'));
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});

describe('the company history while adding', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const found = (summary: string) => ({ entries: [{ id: 'old' }], summary });

  it('asks once typing pauses, with the scope given, and shows the answer', async () => {
    api.companyHistory.mockResolvedValue(found('You applied here in March 2026.'));
    const lookup = new CompanyHistoryLookup(() => ({ ownerId: 'o', excludeId: 'x' }));
    lookup.schedule('Ac');
    lookup.schedule('Acme ');
    await vi.advanceTimersByTimeAsync(COMPANY_LOOKUP_DELAY_MS - 1);
    expect(api.companyHistory).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.companyHistory).toHaveBeenCalledExactlyOnceWith({
      ownerId: 'o',
      excludeId: 'x',
      companyName: 'Acme',
    });
    expect(lookup.found).toBe(true);
    expect(lookup.history?.summary).toBe('You applied here in March 2026.');
  });

  it('asks at once on leaving the field, and not again for the same name', async () => {
    api.companyHistory.mockResolvedValue(found('s'));
    const lookup = new CompanyHistoryLookup();
    lookup.schedule('Acme');
    await lookup.lookUp('Acme');
    await vi.advanceTimersByTimeAsync(COMPANY_LOOKUP_DELAY_MS);
    await lookup.lookUp('Acme');
    expect(api.companyHistory).toHaveBeenCalledTimes(1);
  });

  it('keeps only the latest answer, and shows nothing for an empty name or a failure', async () => {
    let answerFirst: (value: unknown) => void = () => {};
    api.companyHistory
      .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
      .mockRejectedValueOnce(new Error('offline'));
    const lookup = new CompanyHistoryLookup();
    const first = lookup.lookUp('Acme');
    const second = lookup.lookUp('Globex');
    answerFirst(found('about Acme'));
    await Promise.all([first, second]);
    expect(lookup.history).toBeNull();
    await lookup.lookUp('');
    expect(lookup.history).toBeNull();
    expect(api.companyHistory).toHaveBeenCalledTimes(2);
  });
});
