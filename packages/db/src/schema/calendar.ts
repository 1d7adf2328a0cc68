// The secret calendar feed (/calendar/<token>.ics): one per person, only the
// token's SHA-256 stored. Rotating replaces the row, so the old URL stops working.
import { sql } from 'drizzle-orm';
import { pgPolicy, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appRole, currentUserId } from './roles';
import { users } from './user';
import { createdAt } from './columns';

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Hex SHA-256 of the token in the URL. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => {
    const own = sql`${t.userId} = ${currentUserId}`;
    return [
      uniqueIndex('calendar_feeds_token_hash_key').on(t.tokenHash),
      pgPolicy('person can read own calendar feed', { for: 'select', to: appRole, using: own }),
      pgPolicy('person can create own calendar feed', {
        for: 'insert',
        to: appRole,
        withCheck: own,
      }),
      pgPolicy('person can replace own calendar feed', {
        for: 'update',
        to: appRole,
        using: own,
        withCheck: own,
      }),
      pgPolicy('person can delete own calendar feed', { for: 'delete', to: appRole, using: own }),
    ];
  },
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
