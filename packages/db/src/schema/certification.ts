// Certificates and licences, in the person's chosen order.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ownedRowPolicies } from './owned';
import { isPartialDate, notBefore, partialDate } from './partial-date';
import { users } from './user';

export const certifications = pgTable(
  'certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    issuingOrganization: text('issuing_organization'),
    issueDate: partialDate('issue_date'),
    expiryDate: partialDate('expiry_date'),
    credentialId: text('credential_id'),
    url: text('url'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('certifications_user_position_idx').on(t.userId, t.position),
    check('certifications_name_present', sql`char_length(btrim(${t.name})) > 0`),
    check('certifications_issue_date_format', isPartialDate(t.issueDate)),
    check('certifications_expiry_date_format', isPartialDate(t.expiryDate)),
    check('certifications_expiry_after_issue', notBefore(t.expiryDate, t.issueDate)),
    check('certifications_url_http', sql`${t.url} is null or ${t.url} ~* '^https?://'`),
    ...ownedRowPolicies('certification', t.userId),
  ],
);

export type Certification = typeof certifications.$inferSelect;
