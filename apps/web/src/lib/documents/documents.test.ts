import { describe, expect, it } from 'vitest';
import {
  announcement,
  applyDocumentChange,
  applyVersionChange,
  blockedReason,
  DOCUMENT_LABELS,
  fileBaseName,
  isPhase,
  PHASES,
  previousPhase,
  type ShownDocument,
} from './documents';
import type { DocumentChange, DocumentVersionChange } from '$lib/api/types';

const APP = 'app-1';
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function doc(overrides: Partial<ShownDocument> = {}): ShownDocument {
  return {
    id: 'doc-1',
    applicationId: APP,
    userId: 'u',
    type: 'research_report',
    currentVersion: null,
    status: 'idle',
    progress: 0,
    error: null,
    draft: null,
    jobId: null,
    generator: null,
    startedAt: null,
    heartbeatAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    content: null,
    versions: [],
    ...overrides,
  };
}

function change(row: Partial<ShownDocument>, op: DocumentChange['op'] = 'update'): DocumentChange {
  const { content: _content, versions: _versions, ...rest } = doc(row);
  return { table: 'documents', op, id: rest.id, row: rest };
}

const noContent = () => undefined;

describe('phase order', () => {
  it('lets the research report start at once', () => {
    expect(blockedReason('research_report', {})).toBeNull();
  });

  it('holds the résumé until the research report has a version, saying why', () => {
    expect(blockedReason('optimized_resume', {})).toBe(
      'Generate the research report first: the tailored résumé builds on it.',
    );
    expect(
      blockedReason('optimized_resume', { research_report: { currentVersion: 1 } }),
    ).toBeNull();
  });

  it('holds the cover letter until the résumé has a version', () => {
    expect(blockedReason('cover_letter', { research_report: { currentVersion: 1 } })).toContain(
      'tailored résumé first',
    );
  });
});

describe('the follow-up email', () => {
  it('stands outside the phases: never waits for another document', () => {
    expect(PHASES).toEqual(['research_report', 'optimized_resume', 'cover_letter']);
    expect(isPhase('follow_up_email')).toBe(false);
    expect(previousPhase('follow_up_email')).toBeNull();
    expect(blockedReason('follow_up_email', {})).toBeNull();
  });

  it('is labelled and named for downloads', () => {
    expect(DOCUMENT_LABELS.follow_up_email).toBe('Follow-up email');
    expect(fileBaseName('Initech', 'Platform Engineer', 'follow_up_email', 2)).toBe(
      'initech-platform-engineer-follow-up-email-v2',
    );
  });
});

describe('applying a live document change', () => {
  it('updates status, progress and the growing draft in place', () => {
    const shown = [doc({ status: 'queued' })];
    const { documents, outcome } = applyDocumentChange(
      shown,
      change({
        status: 'generating',
        progress: 40,
        draft: '# Research\n\nThe role',
        updatedAt: at(2),
      }),
      APP,
      noContent,
    );
    expect(outcome).toBe('updated');
    expect(documents[0]).toMatchObject({
      status: 'generating',
      progress: 40,
      draft: '# Research\n\nThe role',
    });
  });

  it('ignores a row older than the one shown (a slow reload or a late event)', () => {
    const shown = [doc({ status: 'generating', progress: 60, updatedAt: at(5) })];
    const { outcome, documents } = applyDocumentChange(
      shown,
      change({ status: 'generating', progress: 30, updatedAt: at(3) }),
      APP,
      noContent,
    );
    expect(outcome).toBe('ignored');
    expect(documents[0]!.progress).toBe(60);
  });

  it("ignores another application's documents", () => {
    const { outcome } = applyDocumentChange([], change({ applicationId: 'other' }), APP, noContent);
    expect(outcome).toBe('ignored');
  });

  it('asks for a reload for a document it has not seen', () => {
    const { outcome, documents } = applyDocumentChange(
      [],
      change({ id: 'doc-2', type: 'cover_letter', status: 'queued' }),
      APP,
      noContent,
    );
    expect(outcome).toBe('reload');
    expect(documents).toHaveLength(1);
  });

  it('takes a new current version’s text from the versions already received', () => {
    let shown = [doc({ status: 'generating', draft: 'almost', updatedAt: at(1) })];
    const version: DocumentVersionChange = {
      table: 'document_versions',
      op: 'insert',
      id: 'v-1',
      row: {
        id: 'v-1',
        documentId: 'doc-1',
        userId: 'u',
        version: 1,
        content: '# Done',
        generator: 'builtin',
        settings: {},
        userEdited: false,
        createdAt: at(2),
        expiresAt: null,
      },
    };
    shown = applyVersionChange(shown, version);
    expect(shown[0]!.versions.map((v) => v.version)).toEqual([1]);
    const { documents, outcome } = applyDocumentChange(
      shown,
      change({ status: 'ready', progress: 100, currentVersion: 1, draft: null, updatedAt: at(2) }),
      APP,
      (id, n) => (id === 'doc-1' && n === 1 ? '# Done' : undefined),
    );
    expect(outcome).toBe('updated');
    expect(documents[0]).toMatchObject({ status: 'ready', content: '# Done', draft: null });
  });

  it('keeps the old text and asks for a reload when the new version is unknown', () => {
    const shown = [
      doc({ status: 'generating', currentVersion: 1, content: 'old', updatedAt: at(1) }),
    ];
    const { documents, outcome } = applyDocumentChange(
      shown,
      change({ status: 'ready', currentVersion: 2, updatedAt: at(2) }),
      APP,
      noContent,
    );
    expect(outcome).toBe('reload');
    expect(documents[0]!.content).toBe('old');
  });
});

describe('announcements', () => {
  it('speaks on transitions only, never on progress', () => {
    const generating = { status: 'generating' as const, currentVersion: null, error: null };
    expect(
      announcement('research_report', { status: 'queued', currentVersion: null }, generating),
    ).toBe('Research report: writing started.');
    expect(announcement('research_report', generating, generating)).toBeNull();
    expect(
      announcement('cover_letter', generating, { status: 'ready', currentVersion: 2, error: null }),
    ).toBe('Cover letter is ready (version 2).');
    expect(
      announcement('cover_letter', generating, {
        status: 'failed',
        currentVersion: null,
        error: 'Model offline',
      }),
    ).toBe('Cover letter failed: Model offline');
    expect(
      announcement('cover_letter', generating, {
        status: 'idle',
        currentVersion: null,
        error: null,
      }),
    ).toBe('Cover letter: generation cancelled.');
    expect(
      announcement(
        'cover_letter',
        { status: 'generating', currentVersion: 2 },
        { status: 'ready', currentVersion: 2, error: null },
      ),
    ).toBe('Cover letter: generation cancelled; version 2 is kept.');
  });

  it('says which version became current after an edit or a restore', () => {
    expect(
      announcement(
        'optimized_resume',
        { status: 'ready', currentVersion: 2 },
        { status: 'ready', currentVersion: 3, error: null },
      ),
    ).toBe('Tailored résumé: version 3 is now current.');
  });
});

describe('file names', () => {
  it('are ASCII slugs of the company, role, document and version', () => {
    expect(
      fileBaseName('Société Générale', 'Senior Engineer (Go/K8s)', 'optimized_resume', 3),
    ).toBe('societe-generale-senior-engineer-go-k8s-tailored-resume-v3');
  });
});
