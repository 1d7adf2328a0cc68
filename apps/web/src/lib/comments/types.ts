// The comment, person and live-change shapes the thread works with, all derived
// from AppRouter (comment.list, sharing.people, sync.changes); none restated.
import type { RouterOutputs } from '@pursuit/api';
import type { SyncChange } from '$lib/api/types';

export type Comment = RouterOutputs['comment']['list'][number];
export type PersonWithAccess = RouterOutputs['sharing']['people'][number];
export type AccessRole = RouterOutputs['application']['byId']['access']['role'];
export type CommentChange = Extract<SyncChange, { table: 'comments' }>;
export type LiveCommentRow = NonNullable<CommentChange['row']>;
