import { describe, expect, it, vi } from 'vitest';
import { ApplicationState, permissionsOf } from './application.svelte';
import type { ApplicationDetail, SyncChange } from '$lib/api/types';

type Change = Exclude<SyncChange, { op: 'resync' }>;

function detail(role: ApplicationDetail['access']['role']): ApplicationDetail {
  return {
    id: 'app-1',
    version: 3,
    interviews: [],
    contacts: [],
    history: [],
    access: { ownerId: 'owner-1', role },
  } as unknown as ApplicationDetail;
}

const interview = (userId: string, applicationId = 'app-1') =>
  ({
    table: 'interviews',
    op: 'insert',
    id: 'i1',
    row: { id: 'i1', userId, applicationId },
  }) as unknown as Change;

describe('what each role may do on an application page', () => {
  it('lets the owner do everything, an editor all but delete, a commenter and viewer nothing that writes', () => {
    expect(permissionsOf('owner')).toEqual({ edit: true, comment: true, own: true });
    expect(permissionsOf('editor')).toEqual({ edit: true, comment: true, own: false });
    expect(permissionsOf('commenter')).toEqual({ edit: false, comment: true, own: false });
    expect(permissionsOf('viewer')).toEqual({ edit: false, comment: false, own: false });
  });

  it('goes back to the owner’s shared board, or to my own', () => {
    expect(new ApplicationState(detail('viewer')).boardHref).toBe('/shared/owner-1');
    expect(new ApplicationState(detail('owner')).boardHref).toBe('/');
  });
});

describe('live changes on an application page', () => {
  it('reloads for an interview of this application in its owner’s search', () => {
    const model = new ApplicationState(detail('editor'));
    const refresh = vi.spyOn(model, 'refresh').mockResolvedValue();
    model.apply(interview('owner-1'));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('ignores rows of another owner’s search, even with the same application id', () => {
    const model = new ApplicationState(detail('editor'));
    const refresh = vi.spyOn(model, 'refresh').mockResolvedValue();
    model.apply(interview('someone-else'));
    model.apply(interview('owner-1', 'app-2'));
    expect(refresh).not.toHaveBeenCalled();
  });

  it('reads access again when my share of this owner changes (revoked, new role)', () => {
    const model = new ApplicationState(detail('commenter'));
    const refresh = vi.spyOn(model, 'refresh').mockResolvedValue();
    model.apply({
      table: 'shares',
      op: 'update',
      id: 's1',
      row: { id: 's1', ownerId: 'other-owner' },
    } as unknown as Change);
    expect(refresh).not.toHaveBeenCalled();
    model.apply({
      table: 'shares',
      op: 'update',
      id: 's2',
      row: { id: 's2', ownerId: 'owner-1', revokedAt: new Date() },
    } as unknown as Change);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
