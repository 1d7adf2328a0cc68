// A board card for unit tests: every field at a plain default, the test's overrides on top.
import type { Card } from '$lib/api/types';

const CREATED = new Date('2026-01-01T00:00:00Z');

export function testCard(overrides: Partial<Card> & Pick<Card, 'id'>): Card {
  return {
    userId: 'u1',
    companyId: 'c1',
    companyName: 'Company',
    roleTitle: 'Engineer',
    jobUrl: null,
    location: null,
    workArrangement: null,
    employmentType: null,
    salaryMin: null,
    salaryMax: null,
    salaryCurrency: null,
    priority: 'medium',
    stage: 'interested',
    researchCompleted: false,
    resumeOptimized: false,
    coverLetterGenerated: false,
    matchScore: null,
    notes: null,
    source: null,
    appliedAt: null,
    rejectionReason: null,
    followUpOn: null,
    position: 'a0',
    archivedAt: null,
    private: false,
    unreadComments: 0,
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}
