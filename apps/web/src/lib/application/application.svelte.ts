// One application as its page (or the board's side panel) holds it: the row
// with its interviews, contacts and history, kept current by live changes
// (only rows of its owner's search), the saves, moves, archive and delete made
// from the page, and what the person's role in that search lets them do.
import { describeError, conflictCurrent } from '$lib/api/errors';
import { isStage } from '$lib/api/labels';
import { trpc } from '$lib/api/trpc';
import type { ApplicationDetail, ApplicationRow, SyncChange } from '$lib/api/types';
import { sendOrQueue } from '$lib/offline/outbox.svelte';
import type { EditableKey } from '$lib/offline/queue';

export type SentMaterial = ApplicationDetail['sent'][number];
export type SentKind = SentMaterial['kind'];
import { resolveField } from './conflict';
import { RejectionPrompt } from './rejection.svelte';
import { patchFor, textOf, type FieldKey } from './fields';
import type { SaveResult } from './InlineField.svelte';
import type { NotesSaveResult } from './NotesEditor.svelte';

const FLASH_MS = 1600;
/** Retries of a field save that keeps meeting a newer version of another field. */
const MAX_RETRIES = 3;

export interface ApplicationMessage {
  kind: 'error' | 'success' | 'info';
  text: string;
  undo?: () => void;
}

export type AccessRole = ApplicationDetail['access']['role'];

/** What each role may do on an application page (the API checks the same again). */
export function permissionsOf(role: AccessRole) {
  return {
    /** Fields, notes, stage, archive, interviews, contacts, document generation. */
    edit: role === 'owner' || role === 'editor',
    comment: role !== 'viewer',
    /** Delete anything; make the application private. */
    own: role === 'owner',
  };
}

export class ApplicationState {
  app = $state() as ApplicationDetail;
  /** Deleted elsewhere: the page says so and stops offering changes. */
  deleted = $state(false);
  /** Briefly true after a change from elsewhere, to draw the eye. */
  flashing = $state(false);
  message = $state<ApplicationMessage | null>(null);
  busy = $state(false);
  /** Asks why, as the stage select moves this application to Rejected. */
  readonly rejection = new RejectionPrompt();
  /** Set while this page deletes the application: the cascade's events are ours. */
  #deleting = false;

  constructor(app: ApplicationDetail) {
    this.app = app;
  }

  get role(): AccessRole {
    return this.app.access.role;
  }

  get ownerId(): string {
    return this.app.access.ownerId;
  }

  get can() {
    return permissionsOf(this.role);
  }

  /** The board this application sits on: the person's own, or the owner's shared one. */
  get boardHref(): string {
    return this.role === 'owner' ? '/' : `/shared/${this.ownerId}`;
  }

  async refresh(): Promise<void> {
    try {
      this.app = await trpc.application.byId.query({ id: this.app.id });
    } catch (error) {
      if (describeError(error).code === 'NOT_FOUND') this.deleted = true;
    }
  }

  /** A change from the live feed. */
  apply(change: Exclude<SyncChange, { op: 'resync' }>): void {
    if (this.#deleting) return;
    const app = this.app;
    if (change.table === 'shares') {
      // My access to this owner's search changed (new role, revoked, left):
      // read it again; NOT_FOUND clears the page, a new role changes the controls.
      const row = change.row;
      if (this.role !== 'owner' && (!row || row.ownerId === this.ownerId)) void this.refresh();
      return;
    }
    if (change.table === 'applications') {
      if (change.id !== app.id) return;
      if (change.op === 'delete' || !change.row) this.deleted = true;
      else if (change.row.version > app.version) {
        this.#merge(change.row);
        this.#flash();
      }
      return;
    }
    if (
      change.table !== 'application_stage_history' &&
      change.table !== 'interviews' &&
      change.table !== 'contacts' &&
      change.table !== 'sent_materials'
    )
      return;
    // A grantee's feed carries every shared search: only this owner's rows count.
    const ours = change.row
      ? change.row.userId === this.ownerId && change.row.applicationId === app.id
      : app.interviews.some((i) => i.id === change.id) ||
        app.contacts.some((c) => c.id === change.id) ||
        app.sent.some((s) => s.id === change.id);
    if (ours) void this.refresh();
  }

  /** Saves one field; a newer version of another field is retried, of this one offered back. */
  async saveField(key: FieldKey, text: string, attempts = 0): Promise<SaveResult> {
    const base = textOf(this.app, key);
    const patch = patchFor(key, text);
    if ('error' in patch) return { ok: false, error: patch.error };
    try {
      // The optimistic row: the typed value as the server would store it.
      const edited = { ...this.app, ...(patch as Partial<ApplicationRow>) };
      const mine = textOf(edited, key);
      const result = await sendOrQueue(this.#edit(key, base, mine, patch), () =>
        trpc.application.update.mutate({ id: this.app.id, version: this.app.version, ...patch }),
      );
      if ('queued' in result) {
        this.app = edited;
        return { ok: true };
      }
      const row = result.sent;
      this.#merge(row);
      // The applied date and the reason also rewrite the stage history.
      if (key === 'appliedAt' || key === 'rejectionReason') void this.refresh();
      return { ok: true };
    } catch (error) {
      const current = conflictCurrent(error) as ApplicationRow | null;
      if (current) {
        this.#merge(current);
        const theirs = textOf(current, key);
        const resolution = resolveField(base, text, theirs);
        if (resolution.kind === 'same') return { ok: true };
        if (resolution.kind === 'retry' && attempts < MAX_RETRIES)
          return this.saveField(key, text, attempts + 1);
        return { ok: false, conflict: { theirs } };
      }
      const view = describeError(error);
      return { ok: false, error: view.fieldErrors[key]?.[0] ?? view.message };
    }
  }

  async saveNotes(notes: string, version: number): Promise<NotesSaveResult> {
    try {
      const base = this.app.notes ?? '';
      const result = await sendOrQueue(this.#edit('notes', base, notes, { notes }, version), () =>
        trpc.application.update.mutate({ id: this.app.id, version, notes }),
      );
      if ('queued' in result) this.app = { ...this.app, notes };
      else this.#merge(result.sent);
      return { ok: true };
    } catch (error) {
      const current = conflictCurrent(error) as ApplicationRow | null;
      if (current) {
        this.#merge(current);
        return { ok: false, current: { notes: current.notes, version: current.version } };
      }
      return { ok: false, error: describeError(error).message };
    }
  }

  /** Private: the owner's alone, hidden from everyone they share with (owner only). */
  setPrivate(value: boolean): Promise<void> {
    if (value === this.app.private) return Promise.resolve();
    return this.#act(async () => {
      const save = (version: number) =>
        trpc.application.update.mutate({ id: this.app.id, version, private: value });
      try {
        this.#merge(await save(this.app.version));
      } catch (error) {
        // Another field changed first: private is independent of it, so apply on theirs.
        const current = conflictCurrent(error) as ApplicationRow | null;
        if (!current) throw error;
        this.#merge(current);
        this.#merge(await save(current.version));
      }
      this.message = {
        kind: 'success',
        text: value
          ? 'Private: only you see this application, its documents and comments.'
          : 'Shared again with the people who have access to your search.',
      };
    });
  }

  /** Moves the application; a move to Rejected first asks why (skipping still moves it). */
  async changeStage(value: string): Promise<void> {
    if (!isStage(value) || value === this.app.stage) return;
    const rejectionReason =
      value === 'rejected'
        ? await this.rejection.ask(`${this.app.companyName} — ${this.app.roleTitle}`)
        : undefined;
    return this.#act(async () => {
      const move = {
        id: this.app.id,
        stage: value,
        ...(rejectionReason ? { rejectionReason } : {}),
      };
      const queued = {
        kind: 'move' as const,
        ...move,
        version: this.app.version,
        label: this.#label,
      };
      const result = await sendOrQueue(queued, () => trpc.application.move.mutate(move));
      if ('queued' in result) {
        this.app = { ...this.app, stage: value };
        return;
      }
      this.#merge(result.sent);
      await this.refresh();
    });
  }

  /** Marks a base résumé or a document version as sent with this application (frozen). */
  markSent(source: { resumeId: string } | { documentVersionId: string }): Promise<void> {
    return this.#act(async () => {
      const { sent } = await trpc.application.markSent.mutate({ id: this.app.id, ...source });
      this.app = { ...this.app, sent };
    });
  }

  unmarkSent(kind: SentKind): Promise<void> {
    return this.#act(async () => {
      const { sent } = await trpc.application.unmarkSent.mutate({ id: this.app.id, kind });
      this.app = { ...this.app, sent };
    });
  }

  archive(): Promise<void> {
    return this.#act(async () => {
      this.#merge(await trpc.application.archive.mutate({ id: this.app.id }));
      this.message = {
        kind: 'info',
        text: 'Archived: it is hidden from the board unless "Show archived" is on.',
        undo: () => void this.unarchive(),
      };
    });
  }

  unarchive(): Promise<void> {
    return this.#act(async () => {
      this.#merge(await trpc.application.unarchive.mutate({ id: this.app.id }));
      this.message = { kind: 'success', text: 'Back on the board.' };
    });
  }

  /** Deletes the application; true when it is gone (the caller leaves the page). */
  async remove(): Promise<boolean> {
    this.busy = true;
    this.#deleting = true;
    try {
      await trpc.application.delete.mutate({ id: this.app.id });
      return true;
    } catch (error) {
      this.#deleting = false;
      this.message = { kind: 'error', text: describeError(error).message };
      return false;
    } finally {
      this.busy = false;
    }
  }

  async #act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      await action();
    } catch (error) {
      this.message = { kind: 'error', text: describeError(error).message };
    } finally {
      this.busy = false;
    }
  }

  get #label(): string {
    return `${this.app.companyName} — ${this.app.roleTitle}`;
  }

  /** An edit of one field, as the offline queue keeps it (with what the person saw). */
  #edit(
    key: EditableKey,
    base: string,
    mine: string,
    patch: Record<string, unknown>,
    version = this.app.version,
  ) {
    return {
      kind: 'update' as const,
      id: this.app.id,
      version,
      fields: { [key]: { base, mine, patch } },
      label: this.#label,
    };
  }

  #merge(row: ApplicationRow): void {
    this.app = { ...this.app, ...row };
  }

  #flash(): void {
    this.flashing = true;
    setTimeout(() => (this.flashing = false), FLASH_MS);
  }
}
