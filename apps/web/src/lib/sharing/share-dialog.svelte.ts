// The Share dialog's state: a new invitation link (its token is shown once,
// only the hash is stored), the pending invitations, and the people the search
// is shared with, each a call to sharing.*. Kept current by the live `shares`
// rows of this owner while the dialog is open.
import { describeError, type ErrorView } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { Invitation, SharePerson, ShareRole } from '$lib/api/types';

export interface NewLink {
  id: string;
  url: string;
  expiresAt: Date | string;
}

export class ShareDialogState {
  role = $state<ShareRole>('viewer');
  email = $state('');
  link = $state<NewLink | null>(null);
  copied = $state(false);
  invitations = $state<Invitation[]>([]);
  people = $state<SharePerson[]>([]);
  loaded = $state(false);
  busy = $state<string | null>(null);
  error = $state<ErrorView | null>(null);

  readonly pending = $derived(this.invitations.filter((i) => i.status === 'pending'));

  async load(): Promise<void> {
    await this.#run('load', async () => {
      const [invitations, list] = await Promise.all([
        trpc.sharing.invitations.query(),
        trpc.sharing.list.query(),
      ]);
      this.invitations = invitations;
      this.people = list.grantedByMe;
      this.loaded = true;
    });
  }

  async invite(): Promise<void> {
    await this.#run('invite', async () => {
      const email = this.email.trim();
      this.link = await trpc.sharing.invite.mutate({
        role: this.role,
        ...(email ? { email } : {}),
      });
      this.copied = false;
      this.email = '';
      this.invitations = await trpc.sharing.invitations.query();
    });
  }

  async copy(): Promise<void> {
    if (!this.link) return;
    try {
      await navigator.clipboard.writeText(this.link.url);
      this.copied = true;
    } catch {
      // No clipboard permission (an http origin): the link stays selectable.
      this.copied = false;
    }
  }

  async cancel(id: string): Promise<void> {
    await this.#run(id, async () => {
      await trpc.sharing.cancelInvitation.mutate({ id });
      this.invitations = this.invitations.filter((i) => i.id !== id);
      if (this.link?.id === id) this.link = null;
    });
  }

  async setRole(id: string, role: ShareRole): Promise<void> {
    await this.#run(id, async () => {
      await trpc.sharing.update.mutate({ id, role });
      this.people = this.people.map((p) => (p.id === id ? { ...p, role } : p));
    });
  }

  async revoke(id: string): Promise<void> {
    await this.#run(id, async () => {
      await trpc.sharing.revoke.mutate({ id });
      this.people = this.people.filter((p) => p.id !== id);
    });
  }

  async #run(key: string, work: () => Promise<void>): Promise<void> {
    this.busy = key;
    this.error = null;
    try {
      await work();
    } catch (cause) {
      this.error = describeError(cause);
    } finally {
      this.busy = null;
    }
  }
}
