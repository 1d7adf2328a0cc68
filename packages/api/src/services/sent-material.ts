// What was sent with an application: one résumé and one cover letter, each
// copied at the moment the person marks it sent, so editing the base résumé or
// pruning an old document version later leaves the record as it was.
// Marking again replaces that kind (UNIQUE (application_id, kind)).
import { TRPCError } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  documents,
  documentVersions,
  resumes,
  sentMaterials,
  type SentKind,
  type Tx,
} from '@pursuit/db';
import { notFound } from '../errors';
import { applicationAccess } from './access';

export const sentMaterialColumns = {
  id: sentMaterials.id,
  kind: sentMaterials.kind,
  label: sentMaterials.label,
  resumeId: sentMaterials.resumeId,
  documentVersionId: sentMaterials.documentVersionId,
  content: sentMaterials.content,
  sentAt: sentMaterials.sentAt,
};

export interface SentMaterialView {
  id: string;
  kind: SentKind;
  label: string;
  resumeId: string | null;
  documentVersionId: string | null;
  content: string;
  sentAt: Date;
}

/** What was sent with one application, the résumé first. */
export function sentFor(tx: Tx, applicationId: string): Promise<SentMaterialView[]> {
  return tx
    .select(sentMaterialColumns)
    .from(sentMaterials)
    .where(eq(sentMaterials.applicationId, applicationId))
    .orderBy(asc(sentMaterials.kind));
}

interface Material {
  kind: SentKind;
  resumeId: string | null;
  documentVersionId: string | null;
  label: string;
  content: string;
}

const LABEL_MAX = 200;
const label = (text: string) => text.trim().slice(0, LABEL_MAX) || 'Résumé';

/** A base résumé of the application's owner (RLS shows a person only their own). */
async function baseResume(tx: Tx, ownerId: string, resumeId: string): Promise<Material> {
  const [row] = await tx
    .select({ name: resumes.name, content: resumes.content })
    .from(resumes)
    .where(and(eq(resumes.id, resumeId), eq(resumes.userId, ownerId)));
  if (!row) throw notFound('Résumé');
  return {
    kind: 'resume',
    resumeId,
    documentVersionId: null,
    label: label(row.name),
    content: row.content,
  };
}

/** A version of this application's tailored résumé or cover letter. */
async function documentVersion(
  tx: Tx,
  ownerId: string,
  applicationId: string,
  versionId: string,
): Promise<Material> {
  const [row] = await tx
    .select({
      version: documentVersions.version,
      content: documentVersions.content,
      type: documents.type,
      applicationId: documents.applicationId,
    })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.userId, ownerId)));
  if (!row) throw notFound('Document version');
  if (row.applicationId !== applicationId) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'That document belongs to another application; choose one of this application’s.',
    });
  }
  const base = { resumeId: null, documentVersionId: versionId, content: row.content };
  if (row.type === 'optimized_resume') {
    return { ...base, kind: 'resume', label: `Tailored résumé v${row.version}` };
  }
  if (row.type === 'cover_letter') {
    return { ...base, kind: 'cover_letter', label: `Cover letter v${row.version}` };
  }
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: 'Only a résumé or a cover letter can be marked as sent.',
  });
}

export interface MarkSentInput {
  id: string;
  resumeId?: string | undefined;
  documentVersionId?: string | undefined;
}

/**
 * Records the résumé and/or cover letter sent with the application, copying
 * their text now; a kind already marked is replaced. Owner or editor.
 */
export async function markSent(tx: Tx, input: MarkSentInput) {
  const { ownerId } = await applicationAccess(tx, input.id, 'edit');
  const materials: Material[] = [];
  if (input.resumeId) materials.push(await baseResume(tx, ownerId, input.resumeId));
  if (input.documentVersionId) {
    materials.push(await documentVersion(tx, ownerId, input.id, input.documentVersionId));
  }
  if (materials.length === 2 && materials[0]!.kind === materials[1]!.kind) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Choose one résumé: the base résumé or the tailored one, not both.',
    });
  }
  for (const material of materials) {
    await tx
      .insert(sentMaterials)
      .values({ ...material, applicationId: input.id, userId: ownerId })
      .onConflictDoUpdate({
        target: [sentMaterials.applicationId, sentMaterials.kind],
        set: {
          resumeId: sql`excluded.resume_id`,
          documentVersionId: sql`excluded.document_version_id`,
          label: sql`excluded.label`,
          content: sql`excluded.content`,
          sentAt: sql`now()`,
        },
      });
  }
  return { sent: await sentFor(tx, input.id) };
}

/** Forgets what was sent of one kind. The owner's alone, as RLS lets only the owner delete. */
export async function unmarkSent(tx: Tx, input: { id: string; kind: SentKind }) {
  await applicationAccess(tx, input.id, 'owner', 'remove what was sent');
  await tx
    .delete(sentMaterials)
    .where(and(eq(sentMaterials.applicationId, input.id), eq(sentMaterials.kind, input.kind)));
  return { sent: await sentFor(tx, input.id) };
}
