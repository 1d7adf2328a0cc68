// The account page's forms: the display name, the password, the signed-in
// devices and deleting the account, each with its fields, busy flag and
// errors, and the API calls behind them.
import { goto, invalidate, invalidateAll } from '$app/navigation';
import { confirm } from '$lib/ui/confirm.svelte';
import { Task } from '$lib/ui/task.svelte';
import { leaveToLogin, live } from './session';
import { closeSocket, trpc } from '$lib/api/trpc';
import type { AccountSession } from '$lib/api/types';

export class NameForm {
  /** Follows the saved name; the input edits it locally. */
  name: string = $derived.by(() => this.#saved());
  saved = $state(false);
  readonly task = new Task();
  readonly #saved: () => string;

  constructor(saved: () => string) {
    this.#saved = saved;
  }

  get unchanged(): boolean {
    return this.name.trim() === this.#saved();
  }

  async submit(): Promise<void> {
    this.saved = false;
    const name = this.name;
    this.saved = await this.task.run(async () => {
      await trpc.auth.updateName.mutate({ name });
    });
    if (this.saved) await invalidateAll();
  }
}

export class PasswordForm {
  currentPassword = $state('');
  newPassword = $state('');
  message = $state<string | null>(null);
  readonly task = new Task();

  async submit(): Promise<void> {
    this.message = null;
    const { currentPassword, newPassword } = this;
    let revoked = 0;
    const ok = await this.task.run(async () => {
      ({ revokedSessions: revoked } = await trpc.auth.changePassword.mutate({
        currentPassword,
        newPassword,
      }));
    });
    if (!ok) return;
    this.currentPassword = '';
    this.newPassword = '';
    this.message =
      revoked > 0
        ? `Password changed. ${revoked} other session${revoked === 1 ? ' was' : 's were'} signed out.`
        : 'Password changed.';
    await invalidate('app:sessions');
  }
}

export class SessionList {
  /** The session being signed out. */
  revoking = $state<string | null>(null);
  error = $state<string | null>(null);
  readonly #task = new Task();

  async revoke(session: AccountSession): Promise<void> {
    if (
      session.current &&
      !(await confirm({
        title: 'Sign out of this device?',
        message: 'You will need your password to sign in here again.',
        confirmLabel: 'Sign out',
      }))
    )
      return;
    this.revoking = session.id;
    this.error = null;
    const ok = await this.#task.run(async () => {
      const { current } = await trpc.auth.revokeSession.mutate({ id: session.id });
      if (current) await leaveToLogin('logged-out');
      else await invalidate('app:sessions');
    });
    if (!ok) this.error = this.#task.error?.message ?? null;
    this.revoking = null;
  }
}

export class AccountDeletion {
  open = $state(false);
  password = $state('');
  readonly task = new Task();

  ask(): void {
    this.password = '';
    this.task.error = null;
    this.open = true;
  }

  async confirm(): Promise<void> {
    // Quiet the live connection first: the server closes this session's socket
    // as the account goes, and that must not read as "signed out elsewhere".
    live.stop();
    const password = this.password;
    const ok = await this.task.run(() => trpc.auth.deleteAccount.mutate({ password }));
    if (!ok) {
      live.start();
      return;
    }
    this.open = false;
    live.forget();
    await closeSocket();
    await goto('/login?reason=account-deleted', { invalidateAll: true, replaceState: true });
  }
}
