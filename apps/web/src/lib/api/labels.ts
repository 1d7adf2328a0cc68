// Labels for the API's enums. Each is a Record over the API's own union, so a
// stage or kind added on the server fails the type check here until labelled.
import type {
  EmploymentType,
  InterviewKind,
  InterviewOutcome,
  Priority,
  Stage,
  WorkArrangement,
} from './types';

export const STAGE_LABELS: Record<Stage, string> = {
  interested: 'Interested',
  applied: 'Applied',
  interviewing: 'Interviewing',
  offer: 'Offer',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  ghosted: 'Ghosted',
};

/** Board order, left to right. */
export const STAGES = Object.keys(STAGE_LABELS) as Stage[];

/** Stages whose columns start collapsed: the search is over for these. */
export const CLOSED_STAGES: ReadonlySet<Stage> = new Set<Stage>([
  'accepted',
  'rejected',
  'withdrawn',
  'ghosted',
]);

export const PRIORITY_LABELS: Record<Priority, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as Priority[];

export const WORK_ARRANGEMENT_LABELS: Record<WorkArrangement, string> = {
  remote: 'Remote',
  hybrid: 'Hybrid',
  onsite: 'On-site',
};

export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contract: 'Contract',
  freelance: 'Freelance',
  internship: 'Internship',
};

export const INTERVIEW_KIND_LABELS: Record<InterviewKind, string> = {
  phone_screen: 'Phone screen',
  technical: 'Technical',
  onsite: 'On-site',
  behavioral: 'Behavioral',
  final: 'Final',
  other: 'Other',
};

export const INTERVIEW_OUTCOME_LABELS: Record<InterviewOutcome, string> = {
  pending: 'Pending',
  passed: 'Passed',
  failed: 'Not passed',
};

export function isStage(value: string): value is Stage {
  return Object.hasOwn(STAGE_LABELS, value);
}

export function isPriority(value: string): value is Priority {
  return Object.hasOwn(PRIORITY_LABELS, value);
}
