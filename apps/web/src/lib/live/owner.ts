// Whose search a live change belongs to. A grantee's one sync.changes stream
// carries every shared owner's changes besides their own, so each live view
// keeps only the rows of the owner it shows (ARCHITECTURE.md, "Sharing").
import type { SyncChange } from '$lib/api/types';

type RowChange = Exclude<SyncChange, { op: 'resync' }>;

/**
 * The owner of a changed row: `owner_id` where a table has one (comments,
 * shares, notifications' search), `user_id` otherwise. Null for a delete or a
 * row that no longer reaches this person (the row is absent then).
 */
export function changeOwner(change: RowChange): string | null {
  const row = change.row as { ownerId?: string | null; userId?: string | null } | null;
  if (!row) return null;
  if ('ownerId' in row) return row.ownerId ?? null;
  return row.userId ?? null;
}

/**
 * Whether a view showing `ownerId`'s search applies this change. A change
 * without a row (a delete, or a row made private) always passes: the view
 * removes by id, and an id it never showed is a no-op.
 */
export function belongsTo(change: RowChange, ownerId: string): boolean {
  if (!change.row) return true;
  return changeOwner(change) === ownerId;
}
