// One application's documents and match result as the phases stepper shows
// them, kept current by live changes: status, progress and the growing draft
// are applied in place several times a second; a new current version takes
// its text from the versions feed (or a reload). Also the actions on them.
import { describeError } from '$lib/api/errors';
import {
  announcement,
  applyDocumentChange,
  applyVersionChange,
  DOCUMENT_LABELS,
  isBusy,
  timeOf,
  type ShownDocument,
} from './documents';
import type { LiveView } from '$lib/live/live.svelte';
import { trpc } from '$lib/api/trpc';
import type { DocumentsOfApplication, DocumentType, MatchResult, SyncChange } from '$lib/api/types';

type Change = Exclude<SyncChange, { op: 'resync' }>;

export class ApplicationDocuments {
  documents = $state<ShownDocument[]>([]);
  match = $state<MatchResult | null>(null);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** The last status transition, for one polite live region. */
  announcement = $state('');
  /** A refusal or failure of the last action on each phase (server's message). */
  errors = $state<Partial<Record<DocumentType, string>>>({});
  /** Phases whose action is on its way to the server. */
  pending = $state<Partial<Record<DocumentType, boolean>>>({});
  analyzing = $state(false);
  analyzeError = $state<string | null>(null);
  /**
   * Shown only (a viewer or commenter of a shared search): generate, edit,
   * restore and analyse are absent. The application page sets it from its role.
   */
  readonly = $state(false);

  readonly applicationId: string;
  // Version texts are immutable: cache by document and number. Not rendered from.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #contents = new Map<string, string>();
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  #loading: Promise<void> | null = null;

  constructor(applicationId: string, initial?: DocumentsOfApplication | null) {
    this.applicationId = applicationId;
    if (initial) this.#take(initial);
  }

  byType(type: DocumentType): ShownDocument | undefined {
    return this.documents.find((doc) => doc.type === type);
  }

  /** Documents by type, for the phase rules. */
  get byPhase(): Partial<Record<DocumentType, ShownDocument>> {
    return Object.fromEntries(this.documents.map((doc) => [doc.type, doc]));
  }

  /** Reloads everything (first view in a side panel, a resync, an unknown version). */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        this.#take(await trpc.document.forApplication.query({ applicationId: this.applicationId }));
        this.loadError = null;
      } catch (error) {
        this.loadError = describeError(error).message;
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  /** The view to register with the live connection. */
  get view(): LiveView {
    return {
      apply: (change) => this.apply(change),
      resync: () => this.load(),
    };
  }

  apply(change: Change): void {
    switch (change.table) {
      case 'documents': {
        const before = this.documents.find((doc) => doc.id === change.id);
        const { documents, outcome } = applyDocumentChange(
          this.documents,
          change,
          this.applicationId,
          (id, version) => this.#contents.get(`${id}:${version}`),
        );
        if (outcome === 'ignored') return;
        this.documents = documents;
        const after = documents.find((doc) => doc.id === change.id);
        if (after) {
          this.#announce(announcement(after.type, before, after));
          if (isBusy(after.status)) delete this.errors[after.type];
        }
        if (outcome === 'reload') this.#reloadSoon();
        return;
      }
      case 'document_versions': {
        const row = change.row;
        if (row) this.#contents.set(`${row.documentId}:${row.version}`, row.content);
        if (row && !this.documents.some((doc) => doc.id === row.documentId)) return;
        this.documents = applyVersionChange(this.documents, change);
        return;
      }
      case 'match_results': {
        const row = change.row;
        if (!row || row.applicationId !== this.applicationId) return;
        if (this.match && timeOf(row.createdAt) < timeOf(this.match.createdAt)) return;
        this.match = row;
        return;
      }
      default:
        return;
    }
  }

  /** The text of one version (cached; versions never change). */
  async versionText(documentId: string, version: number): Promise<string> {
    const key = `${documentId}:${version}`;
    const cached = this.#contents.get(key);
    if (cached !== undefined) return cached;
    const row = await trpc.document.version.query({ documentId, version });
    this.#contents.set(key, row.content);
    return row.content;
  }

  generate(type: DocumentType): Promise<boolean> {
    return this.#act(type, async () => {
      const doc = this.byType(type);
      const started = await trpc.document.generate.mutate({
        applicationId: this.applicationId,
        type,
      });
      // Show it queued at once; the live change confirms (or the reload finds it).
      if (doc && !isBusy(doc.status)) {
        this.#replace({ ...doc, status: 'queued', progress: 0, error: null, draft: null });
        this.#announce(`${DOCUMENT_LABELS[type]}: queued.`);
      }
      if (!this.documents.some((d) => d.id === started.documentId)) await this.load();
    });
  }

  cancel(type: DocumentType): Promise<boolean> {
    return this.#act(type, async () => {
      const doc = this.byType(type);
      if (doc) await trpc.document.cancel.mutate({ documentId: doc.id });
    });
  }

  edit(type: DocumentType, content: string): Promise<boolean> {
    return this.#act(type, async () => {
      const doc = this.byType(type);
      if (!doc) return;
      const row = await trpc.document.edit.mutate({ documentId: doc.id, content });
      this.#contents.set(`${doc.id}:${row.currentVersion ?? 0}`, content);
      this.#merge(row, content);
    });
  }

  restore(type: DocumentType, version: number): Promise<boolean> {
    return this.#act(type, async () => {
      const doc = this.byType(type);
      if (!doc) return;
      const content = await this.versionText(doc.id, version);
      const row = await trpc.document.restore.mutate({ documentId: doc.id, version });
      this.#contents.set(`${doc.id}:${row.currentVersion ?? 0}`, content);
      this.#merge(row, content);
    });
  }

  async analyze(): Promise<void> {
    this.analyzing = true;
    this.analyzeError = null;
    try {
      this.match = await trpc.document.analyzeMatch.mutate({ applicationId: this.applicationId });
    } catch (error) {
      this.analyzeError = describeError(error).message;
    } finally {
      this.analyzing = false;
    }
  }

  dispose(): void {
    clearTimeout(this.#reloadTimer);
  }

  async #act(type: DocumentType, action: () => Promise<void>): Promise<boolean> {
    this.pending[type] = true;
    delete this.errors[type];
    try {
      await action();
      return true;
    } catch (error) {
      this.errors[type] = describeError(error).message;
      return false;
    } finally {
      this.pending[type] = false;
    }
  }

  /** A row an action returned (edit, restore): newer than what is shown, unless a live change beat it. */
  #merge(row: Omit<ShownDocument, 'content' | 'versions'>, content: string) {
    const doc = this.documents.find((d) => d.id === row.id);
    if (!doc) return void this.load();
    if (timeOf(doc.updatedAt) > timeOf(row.updatedAt)) return;
    const before = doc;
    this.#replace({ ...doc, ...row, content });
    this.#announce(announcement(doc.type, before, row));
    if (!doc.versions.some((v) => v.version === row.currentVersion)) this.#reloadSoon();
  }

  #replace(next: ShownDocument) {
    this.documents = this.documents.map((doc) => (doc.id === next.id ? next : doc));
  }

  #take(data: DocumentsOfApplication) {
    for (const doc of data.documents) {
      if (doc.currentVersion && doc.content !== null)
        this.#contents.set(`${doc.id}:${doc.currentVersion}`, doc.content);
    }
    // Keep a live row that is newer than the reload (it was read before the change).
    this.documents = data.documents.map((fresh) => {
      const shown = this.documents.find((doc) => doc.id === fresh.id);
      return shown && timeOf(shown.updatedAt) > timeOf(fresh.updatedAt)
        ? { ...fresh, ...shown, versions: fresh.versions, content: shown.content ?? fresh.content }
        : fresh;
    });
    if (!this.match || !data.match || timeOf(data.match.createdAt) >= timeOf(this.match.createdAt))
      this.match = data.match;
    this.loaded = true;
  }

  #reloadSoon() {
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.load(), 150);
  }

  #announce(text: string | null) {
    if (text) this.announcement = text;
  }
}
