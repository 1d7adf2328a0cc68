// What was sent with an application: the résumé and the cover letter, frozen
// at the moment the person marked them sent. The text is copied, so editing
// the base résumé or pruning an old document version later changes nothing here.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from './application';
import { documentVersions } from './document';
import { resumes } from './resume';
import { applicationChildPolicies } from './policies';
import { createdAt, id } from './columns';

export const SENT_KINDS = ['resume', 'cover_letter'] as const;
export type SentKind = (typeof SENT_KINDS)[number];
export const sentKind = pgEnum('sent_kind', SENT_KINDS);

export const sentMaterials = pgTable(
  'sent_materials',
  {
    id: id(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: sentKind('kind').notNull(),
    /** The base résumé it came from, while that still exists. */
    resumeId: uuid('resume_id').references(() => resumes.id, { onDelete: 'set null' }),
    /** The generated document version it came from, while that still exists. */
    documentVersionId: uuid('document_version_id').references(() => documentVersions.id, {
      onDelete: 'set null',
    }),
    /** What the person would recognise it by: the résumé's name, or "Tailored résumé v3". */
    label: text('label').notNull(),
    /** The frozen text. */
    content: text('content').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'sent_materials_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    // One résumé and one cover letter per application; marking again replaces it.
    unique('sent_materials_application_kind_key').on(t.applicationId, t.kind),
    check(
      'sent_materials_one_source',
      sql`${t.resumeId} is null or ${t.documentVersionId} is null`,
    ),
    check('sent_materials_label_length', sql`char_length(${t.label}) between 1 and 200`),
    ...applicationChildPolicies('sent material', t.userId, t.applicationId),
  ],
);

export type SentMaterial = typeof sentMaterials.$inferSelect;
