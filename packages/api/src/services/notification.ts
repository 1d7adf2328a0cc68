// A person's notifications: written by triggers (migration 0012) when someone
// comments, mentions them, moves a card of theirs or accepts their invitation;
// here they are listed and marked read. Each person keeps their newest 200.
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notifications, type Tx } from '@pursuit/db';
import { peopleWithAccess } from './sharing';

export const NOTIFICATION_LIST_DEFAULT = 50;
/** The most a person has: the trigger keeps the newest 200. */
export const NOTIFICATION_LIST_MAX = 200;

const FORMER_COLLABORATOR = 'A former collaborator';

/** Names of the actors, from the people with access to each search involved. */
async function actorNames(tx: Tx, ownerIds: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const ownerId of new Set(ownerIds)) {
    for (const person of await peopleWithAccess(tx, ownerId)) names.set(person.id, person.name);
  }
  return names;
}

export async function listNotifications(tx: Tx, userId: string, limit: number) {
  const rows = await tx
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const [unread] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  const names = await actorNames(
    tx,
    rows.flatMap((row) => (row.ownerId && row.actorId ? [row.ownerId] : [])),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      summary: row.summary,
      actor: row.actorId
        ? { id: row.actorId, name: names.get(row.actorId) ?? FORMER_COLLABORATOR }
        : null,
      ownerId: row.ownerId,
      applicationId: row.applicationId,
      commentId: row.commentId,
      createdAt: row.createdAt,
      readAt: row.readAt,
    })),
    unread: unread?.n ?? 0,
  };
}

/** Marks the caller's unread notifications read: those named, or all. */
export async function markNotificationsRead(
  tx: Tx,
  userId: string,
  ids: string[] | undefined,
): Promise<{ count: number }> {
  const marked = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { count: marked.length };
}
