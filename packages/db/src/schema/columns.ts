// Columns most tables share, written once. Each call makes a fresh builder.
import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** A random UUID primary key. */
export const id = () => uuid('id').primaryKey().defaultRandom();
/** When the row was made. */
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** When the row last changed (the touch trigger keeps it current). */
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
