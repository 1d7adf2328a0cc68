// Certificates and licences, in the person's chosen order.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerPolicies } from './policies';
import { isPartialDate, notBefore, partialDate } from './partial-date';
import { ownerId } from './user';
import { createdAt, id, updatedAt } from './columns';

export const certifications = pgTable(
  'certifications',
  {
    id: id(),
    userId: ownerId(),
    name: text('name').notNull(),
    issuingOrganization: text('issuing_organization'),
    issueDate: partialDate('issue_date'),
    expiryDate: partialDate('expiry_date'),
    credentialId: text('credential_id'),
    url: text('url'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('certifications_user_position_idx').on(t.userId, t.position),
    check('certifications_name_present', sql`char_length(btrim(${t.name})) > 0`),
    check('certifications_issue_date_format', isPartialDate(t.issueDate)),
    check('certifications_expiry_date_format', isPartialDate(t.expiryDate)),
    check('certifications_expiry_after_issue', notBefore(t.expiryDate, t.issueDate)),
    check('certifications_url_http', sql`${t.url} is null or ${t.url} ~* '^https?://'`),
    ...ownerPolicies('certification', t.userId),
  ],
);

export type Certification = typeof certifications.$inferSelect;
