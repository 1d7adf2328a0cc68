// Pure rules for an application's documents: the phase order and what each
// phase waits for, applying a live change to what is shown, what a status
// change should announce, and file names for downloads.
import type {
  DocumentChange,
  DocumentEntry,
  DocumentStatus,
  DocumentType,
  DocumentVersionChange,
  DocumentVersionSummary,
} from '$lib/api/types';

export const DOCUMENT_LABELS: Record<DocumentType, string> = {
  research_report: 'Research report',
  optimized_resume: 'Tailored résumé',
  cover_letter: 'Cover letter',
  follow_up_email: 'Follow-up email',
};

/** What each document is, shown before its first version. */
export const DOCUMENT_ABOUT: Record<DocumentType, string> = {
  research_report:
    'A brief on the role: what it asks for, ranked by emphasis; how your experience maps to each; gaps; and questions to ask in the interview.',
  optimized_resume:
    'Your primary résumé and profile rewritten for this job: matched skills first, the most relevant experience on top. Nothing is invented.',
  cover_letter:
    'A letter to the company: your three strongest matches with evidence, an honest word on the main gap, and a closing.',
  follow_up_email:
    'A short, polite email to send when the company has gone quiet: the role and when you applied, thanks for your last interview, one or two of your strongest matches, and a clear ask. Draft it whenever you need it.',
};

/** Phase order: each builds on the one before. The follow-up email stands outside it. */
export const PHASES: readonly DocumentType[] = [
  'research_report',
  'optimized_resume',
  'cover_letter',
];

/** Whether a document type is one of the phases (the follow-up email is not). */
export function isPhase(type: DocumentType): boolean {
  return PHASES.includes(type);
}

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  idle: 'Not started',
  queued: 'Queued',
  generating: 'Writing',
  ready: 'Ready',
  failed: 'Failed',
};

/** A document row as the stepper keeps it: the API's entry, or a bare live row before a reload. */
export type ShownDocument = DocumentEntry;

export function isBusy(status: DocumentStatus): boolean {
  return status === 'queued' || status === 'generating';
}

/** The phase a phase builds on, or null for the first (and for anything outside the phases). */
export function previousPhase(type: DocumentType): DocumentType | null {
  const index = PHASES.indexOf(type);
  return index > 0 ? PHASES[index - 1]! : null;
}

/**
 * Why `type` cannot be generated yet, or null when it can. Mirrors the
 * server's rule (the earlier phase needs a version), so the button is
 * disabled with the same reason the server would give.
 */
export function blockedReason(
  type: DocumentType,
  documents: Partial<Record<DocumentType, Pick<ShownDocument, 'currentVersion'>>>,
): string | null {
  const before = previousPhase(type);
  if (!before || documents[before]?.currentVersion) return null;
  const label = (phase: DocumentType) => DOCUMENT_LABELS[phase].toLowerCase();
  return `Generate the ${label(before)} first: the ${label(type)} builds on it.`;
}

/** Milliseconds of a timestamp as the API sends it (a Date through superjson, or a string). */
export function timeOf(value: Date | string): number {
  return new Date(value).getTime();
}

/** Newer of two views of the same row, by updatedAt (a slow reload must not undo a live change). */
function isOlder(candidate: { updatedAt: Date | string }, shown: { updatedAt: Date | string }) {
  return timeOf(candidate.updatedAt) < timeOf(shown.updatedAt);
}

export type DocumentOutcome =
  /** Applied in place (status, progress, the growing draft). */
  | 'updated'
  /** A new current version or a row not known yet: reload to get its text and versions. */
  | 'reload'
  | 'ignored';

/**
 * Applies a change of the documents table to the documents shown for one
 * application. The row carries status, progress and draft; the text of a new
 * current version comes from the versions (cached, or reloaded).
 */
export function applyDocumentChange(
  shown: readonly ShownDocument[],
  change: DocumentChange,
  applicationId: string,
  contentOf: (documentId: string, version: number) => string | undefined,
): { documents: ShownDocument[]; outcome: DocumentOutcome } {
  const row = change.op === 'delete' ? null : change.row;
  const index = shown.findIndex((doc) => doc.id === change.id);
  const existing = index === -1 ? undefined : shown[index];
  if (!row) {
    if (!existing) return { documents: [...shown], outcome: 'ignored' };
    return { documents: shown.filter((doc) => doc.id !== change.id), outcome: 'updated' };
  }
  if (row.applicationId !== applicationId) return { documents: [...shown], outcome: 'ignored' };
  if (existing && isOlder(row, existing)) return { documents: [...shown], outcome: 'ignored' };

  const versionChanged = row.currentVersion !== (existing?.currentVersion ?? null);
  const cached = row.currentVersion ? contentOf(row.id, row.currentVersion) : undefined;
  const content = versionChanged
    ? (cached ?? existing?.content ?? null)
    : (existing?.content ?? null);
  const next: ShownDocument = {
    ...row,
    content,
    versions: existing?.versions ?? [],
  };
  const documents = [...shown];
  if (existing) documents[index] = next;
  else documents.push(next);
  const knowsVersion =
    !row.currentVersion || next.versions.some((v) => v.version === row.currentVersion);
  const outcome =
    !existing || (versionChanged && (cached === undefined || !knowsVersion)) ? 'reload' : 'updated';
  return { documents, outcome };
}

/** Adds or replaces a version summary from a live document_versions row. */
export function applyVersionChange(
  shown: readonly ShownDocument[],
  change: DocumentVersionChange,
): ShownDocument[] {
  const row = change.op === 'delete' ? null : change.row;
  return shown.map((doc) => {
    if (!row) {
      return doc.versions.some((v) => v.id === change.id)
        ? { ...doc, versions: doc.versions.filter((v) => v.id !== change.id) }
        : doc;
    }
    if (doc.id !== row.documentId) return doc;
    const summary: DocumentVersionSummary = {
      id: row.id,
      documentId: row.documentId,
      version: row.version,
      generator: row.generator,
      userEdited: row.userEdited,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    };
    const versions = [...doc.versions.filter((v) => v.id !== row.id), summary].sort(
      (a, b) => a.version - b.version,
    );
    const content = doc.currentVersion === row.version ? row.content : doc.content;
    return { ...doc, versions, content };
  });
}

/**
 * What a screen reader hears when a document's status changes: only the
 * transitions, never progress ticks or the text as it grows.
 */
export function announcement(
  type: DocumentType,
  before: Pick<ShownDocument, 'status' | 'currentVersion'> | undefined,
  after: Pick<ShownDocument, 'status' | 'currentVersion' | 'error'>,
): string | null {
  const label = DOCUMENT_LABELS[type];
  const was = before?.status ?? 'idle';
  if (was === after.status && (before?.currentVersion ?? null) === after.currentVersion)
    return null;
  switch (after.status) {
    case 'queued':
      return was === 'generating' ? null : `${label}: queued.`;
    case 'generating':
      return was === 'generating' ? null : `${label}: writing started.`;
    case 'ready':
      if (isBusy(was) && after.currentVersion === (before?.currentVersion ?? null))
        return `${label}: generation cancelled; version ${after.currentVersion ?? 1} is kept.`;
      if (isBusy(was)) return `${label} is ready (version ${after.currentVersion ?? 1}).`;
      if ((before?.currentVersion ?? null) !== after.currentVersion && after.currentVersion)
        return `${label}: version ${after.currentVersion} is now current.`;
      return null;
    case 'failed':
      return `${label} failed${after.error ? `: ${after.error}` : '.'}`;
    case 'idle':
      return isBusy(was) ? `${label}: generation cancelled.` : null;
  }
}

/** Who wrote a version, as its line says: "built-in generator", "you", or the model. */
export function generatorName(generator: string | null | undefined): string {
  if (!generator || generator === 'builtin') return 'built-in generator';
  if (generator === 'you') return 'you';
  return generator;
}

/** "acme-staff-engineer-cover-letter-v3" (ASCII, safe on every file system). */
export function fileBaseName(
  company: string,
  role: string,
  type: DocumentType,
  version: number,
): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  return [slug(company), slug(role), slug(DOCUMENT_LABELS[type]), `v${version}`]
    .filter(Boolean)
    .join('-');
}
