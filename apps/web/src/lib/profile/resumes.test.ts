import { describe, expect, it } from 'vitest';
import { hasProfileContent, resumeFromProfile } from './resumes';
import type { ProfileData } from './profile';
import type { EducationEntry, Profile, Project } from '$lib/api/types';

const profile = {
  firstName: null,
  lastName: null,
  headline: null,
  summary: null,
  location: null,
  email: null,
  phone: null,
  links: [],
} as unknown as Profile;

const data = (over: Partial<ProfileData>): ProfileData => ({
  profile,
  experiences: [],
  education: [],
  certifications: [],
  projects: [],
  skills: [],
  ...over,
});

const raftLab = {
  name: 'raft-lab',
  description: 'A teaching implementation of Raft.',
  highlights: ['Used in two graduate courses'],
  keywords: ['Go', 'Raft'],
  roles: ['Author', 'Maintainer'],
  url: 'https://github.com/example/raft-lab',
  startDate: '2019-01',
  endDate: null,
} as unknown as Project;

describe('a first resume drafted from the profile', () => {
  it('has a Projects section with roles, highlights and keywords', () => {
    const markdown = resumeFromProfile(data({ projects: [raftLab] }));
    expect(markdown).toContain('## Projects');
    expect(markdown).toContain('### raft-lab');
    expect(markdown).toContain(
      '*from Jan 2019 · Author, Maintainer · https://github.com/example/raft-lab*',
    );
    expect(markdown).toContain('- Used in two graduate courses');
    expect(markdown).toContain('**Keywords:** Go, Raft');
  });

  it('lists an education entry’s courses under it', () => {
    const school = {
      institution: 'MIT',
      degree: 'SB',
      fieldOfStudy: null,
      startDate: null,
      endDate: '2016',
      courses: ['Distributed Systems', 'Compilers'],
    } as unknown as EducationEntry;
    expect(resumeFromProfile(data({ education: [school] }))).toContain(
      '- **SB** — MIT, until 2016\n  - Courses: Distributed Systems, Compilers',
    );
  });

  it('a profile with only a project is enough to start from', () => {
    expect(hasProfileContent(data({}))).toBe(false);
    expect(hasProfileContent(data({ projects: [raftLab] }))).toBe(true);
  });
});
