// The API's types as the web app sees them, all derived from AppRouter; no
// shape is restated by hand here.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';

export type User = NonNullable<RouterOutputs['auth']['me']>;
export type AccountSession = RouterOutputs['auth']['sessions'][number];

/** One card of the board, as application.list returns it. */
export type Card = RouterOutputs['application']['list'][number];
export type ApplicationDetail = RouterOutputs['application']['byId'];
export type ApplicationRow = RouterOutputs['application']['update'];
export type HistoryEntry = ApplicationDetail['history'][number];
export type Interview = ApplicationDetail['interviews'][number];
export type Contact = ApplicationDetail['contacts'][number];

export type Stage = Card['stage'];
export type Priority = Card['priority'];
export type WorkArrangement = NonNullable<Card['workArrangement']>;
export type EmploymentType = NonNullable<Card['employmentType']>;
export type InterviewKind = NonNullable<Interview['kind']>;
export type InterviewOutcome = NonNullable<Interview['outcome']>;

export type ListFilters = NonNullable<RouterInputs['application']['list']>;
export type CreateApplicationInput = RouterInputs['application']['create'];
export type UpdateApplicationInput = RouterInputs['application']['update'];

/** One event of the live feed (sync.changes), as tRPC delivers it: { id, data }. */
export type TrackedSyncEvent =
  RouterOutputs['sync']['changes'] extends AsyncIterable<infer E> ? E : never;
export type SyncChange = TrackedSyncEvent extends { data: infer D } ? D : never;
export type ApplicationChange = Extract<SyncChange, { table: 'applications' }>;
export type LiveApplicationRow = NonNullable<ApplicationChange['row']>;
