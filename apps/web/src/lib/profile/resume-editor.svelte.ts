// One base resume being edited: the draft (autosaved as the person types),
// the last version the server confirmed, newer versions merged in without
// touching what is being typed, and make primary / duplicate / delete.
import { goto } from '$app/navigation';
import { Autosave } from '$lib/ui/autosave.svelte';
import { describeError } from '$lib/api/errors';
import { mergeRemote } from './profile';
import { RESUME_MIN_LENGTH } from './resumes';
import { trpc } from '$lib/api/trpc';
import type { Resume, SyncChange } from '$lib/api/types';

type Field = 'name' | 'content' | 'focusArea';
export type ResumeMessage = { kind: 'error' | 'success'; text: string };

const toDraft = (row: Resume) => ({
  name: row.name,
  content: row.content,
  focusArea: row.focusArea ?? '',
});

export class ResumeEditor {
  row = $state() as Resume;
  draft = $state() as ReturnType<typeof toDraft>;
  deletedElsewhere = $state(false);
  message = $state<ResumeMessage | null>(null);
  busy = $state(false);
  deleting = $state(false);
  dialogOpen = $state(false);
  readonly autosave: Autosave<Field>;
  /** Set while this page deletes the resume: the live delete is ours. */
  #deletingHere = false;

  constructor(row: Resume) {
    this.row = row;
    this.draft = toDraft(row);
    this.autosave = new Autosave<Field>({
      save: async (fields) => {
        const input: { id: string; name?: string; content?: string; focusArea?: string } = {
          id: this.row.id,
        };
        for (const field of fields) input[field] = this.draft[field];
        this.receive(await trpc.resume.update.mutate(input));
      },
    });
  }

  /** Characters still needed before the API accepts the text. */
  readonly remaining = $derived(
    Math.max(0, RESUME_MIN_LENGTH - (this.draft?.content.trim().length ?? 0)),
  );

  /** A version from the server; older ones than shown are ignored. */
  receive(next: Resume): void {
    if (next.id !== this.row.id) return;
    if (next.updatedAt.getTime() < this.row.updatedAt.getTime()) return;
    this.draft = mergeRemote(this.draft, toDraft(this.row), toDraft(next), (field) =>
      this.autosave.isPending(field),
    );
    this.row = next;
  }

  apply(change: SyncChange): void {
    if (change.table !== 'resumes') return;
    if (change.id === this.row.id) {
      if (change.op === 'delete' || !change.row) {
        if (!this.#deletingHere) this.deletedElsewhere = true;
      } else {
        this.receive(change.row);
      }
    } else if (change.row?.isPrimary && this.row.isPrimary) {
      // Another resume became primary: this one no longer is.
      this.row = { ...this.row, isPrimary: false };
    }
  }

  async makePrimary(): Promise<void> {
    await this.#act(async () => {
      this.row = await trpc.resume.setPrimary.mutate({ id: this.row.id });
      this.message = { kind: 'success', text: 'This is now your primary resume.' };
    });
  }

  async duplicate(): Promise<void> {
    await this.#act(async () => {
      await this.autosave.flush();
      const copy = await trpc.resume.duplicate.mutate({ id: this.row.id });
      await goto(`/resumes/${copy.id}`);
    });
  }

  async remove(): Promise<void> {
    this.deleting = true;
    this.#deletingHere = true;
    try {
      this.autosave.destroy();
      await trpc.resume.delete.mutate({ id: this.row.id });
      this.dialogOpen = false;
      await goto('/resumes', { replaceState: true, invalidate: ['app:resumes'] });
    } catch (cause) {
      this.#deletingHere = false;
      this.dialogOpen = false;
      this.message = { kind: 'error', text: describeError(cause).message };
    } finally {
      this.deleting = false;
    }
  }

  destroy(): void {
    void this.autosave.flush();
    this.autosave.destroy();
  }

  async #act(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      await work();
    } catch (cause) {
      this.message = { kind: 'error', text: describeError(cause).message };
    } finally {
      this.busy = false;
    }
  }
}
