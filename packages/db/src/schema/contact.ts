// People connected to an application: recruiter, hiring manager, referrer.
import { foreignKey, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { applications } from './application';
import { applicationChildPolicies } from './policies';
import { createdAt, id, updatedAt } from './columns';

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'contacts_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    index('contacts_application_idx').on(t.applicationId),
    ...applicationChildPolicies('contact', t.userId, t.applicationId),
  ],
);

export type Contact = typeof contacts.$inferSelect;
