import { describe, expect, it } from 'vitest';
import { ProfilePageState } from './profile-page.svelte';
import type { ProfileData } from './profile';
import type { Profile, Project, SyncChange } from '$lib/api/types';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

const project = (id: string, position: number, name = id, minute = 0): Project => ({
  id,
  userId: 'u1',
  name,
  description: null,
  highlights: [],
  keywords: ['Go'],
  roles: [],
  url: null,
  startDate: null,
  endDate: null,
  position,
  createdAt: at(0),
  updatedAt: at(minute),
});

function pageWith(projects: Project[]): ProfilePageState {
  const data: ProfileData = {
    // The editor reads only what profileToDraft needs.
    profile: {
      userId: 'u1',
      links: [],
      preferredWorkArrangements: [],
      willingToRelocate: false,
      updatedAt: at(0),
    } as unknown as Profile,
    experiences: [],
    education: [],
    certifications: [],
    projects,
    skills: [],
  };
  return new ProfilePageState(() => data);
}

const names = (page: ProfilePageState) => page.projects.items.map((p) => p.name);

describe('the profile page follows live changes to projects', () => {
  it('a project added in another tab appears in its place, and leaves when deleted there', () => {
    const page = pageWith([project('a', 0, 'Tracer')]);
    const added: SyncChange = {
      table: 'projects',
      op: 'insert',
      id: 'b',
      row: project('b', 1, 'raft-lab', 1),
    };
    page.apply(added);
    expect(names(page)).toEqual(['Tracer', 'raft-lab']);

    // A reorder there arrives as an update of each row.
    page.apply({ table: 'projects', op: 'update', id: 'b', row: project('b', 0, 'raft-lab', 2) });
    page.apply({ table: 'projects', op: 'update', id: 'a', row: project('a', 1, 'Tracer', 2) });
    expect(names(page)).toEqual(['raft-lab', 'Tracer']);

    page.apply({ table: 'projects', op: 'delete', id: 'a', row: null });
    expect(names(page)).toEqual(['raft-lab']);
    page.destroy();
  });

  it('a profile with only a project is not offered the empty-profile start', () => {
    expect(pageWith([]).isEmpty).toBe(true);
    expect(pageWith([project('a', 0)]).isEmpty).toBe(false);
  });
});
