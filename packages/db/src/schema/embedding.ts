// Vectors of meaning (issue 14): one per application description and per
// document's current version, per embedding model. Written by the job queue
// (packages/api/src/search/embed-job.ts) as the owner; read like the
// application they belong to. Vectors of different models are never compared:
// every read filters by the current model.
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgPolicy,
  pgTable,
  real,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { applications } from './application';
import { documents } from './document';
import { applicationReadPolicy } from './policies';
import { appRole, currentUserId } from './roles';
import { id, updatedAt } from './columns';

export const EMBEDDING_SUBJECTS = ['application', 'document_version'] as const;
export type EmbeddingSubject = (typeof EMBEDDING_SUBJECTS)[number];
export const embeddingSubject = pgEnum('embedding_subject', EMBEDDING_SUBJECTS);

/** Bits of a sign-random-projection hash: the cheap first pass of a similarity search. */
const bitVarying = customType<{ data: string }>({ dataType: () => 'bit varying' });

const owner = (userId: unknown) => sql`${userId} = ${currentUserId}`;

export const embeddings = pgTable(
  'embeddings',
  {
    id: id(),
    userId: uuid('user_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    subjectKind: embeddingSubject('subject_kind').notNull(),
    /** The document whose current version was embedded; null for an application's description. */
    documentId: uuid('document_id'),
    /** "pursuit-hash-v1", or the OPENAI_EMBEDDING_MODEL that made it. */
    model: text('model').notNull(),
    dims: integer('dims').notNull(),
    /** L2-normalised, so cosine similarity is the dot product. */
    vector: real('vector').array().notNull(),
    /** Sign bits of 256 fixed random projections of `vector` (SimHash): Hamming distance tracks the angle. */
    bits: bitVarying('bits').notNull(),
    /** md5 of the text embedded: the job skips unchanged text, the sweep finds stale vectors. */
    contentHash: text('content_hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'embeddings_application_fk',
      columns: [t.applicationId, t.userId],
      foreignColumns: [applications.id, applications.userId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'embeddings_document_fk',
      columns: [t.documentId, t.userId],
      foreignColumns: [documents.id, documents.userId],
    }).onDelete('cascade'),
    unique('embeddings_subject_model_key')
      .on(t.applicationId, t.documentId, t.model)
      .nullsNotDistinct(),
    index('embeddings_user_model_idx').on(t.userId, t.model, t.subjectKind),
    check(
      'embeddings_subject_shape',
      sql`(${t.subjectKind} = 'application') = (${t.documentId} is null)`,
    ),
    check('embeddings_dims_match', sql`cardinality(${t.vector}) = ${t.dims}`),
    applicationReadPolicy('embedding', t.userId, t.applicationId),
    pgPolicy('owner can insert embedding', {
      for: 'insert',
      to: appRole,
      withCheck: owner(t.userId),
    }),
    pgPolicy('owner can update embedding', {
      for: 'update',
      to: appRole,
      using: owner(t.userId),
      withCheck: owner(t.userId),
    }),
    pgPolicy('owner can delete embedding', { for: 'delete', to: appRole, using: owner(t.userId) }),
  ],
);

export type Embedding = typeof embeddings.$inferSelect;
