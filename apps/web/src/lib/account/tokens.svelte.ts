// Tokens for scripts on the account page: the form that makes one (its raw
// secret is kept here only until the page is left or another is made), and
// revoking one after a question.
import { invalidate } from '$app/navigation';
import { trpc } from '$lib/api/trpc';
import type { ApiTokenSummary } from '$lib/api/types';
import { confirm } from '$lib/ui/confirm.svelte';
import { Task } from '$lib/ui/task.svelte';

export type TokenScope = ApiTokenSummary['scope'];

export class TokenForm {
  name = $state('');
  scope = $state<TokenScope>('read');
  /** A day as the date input gives it (YYYY-MM-DD), empty for no expiry. */
  expiresOn = $state('');
  /** The raw token just made: shown once, never fetched again. */
  made = $state<{ name: string; token: string } | null>(null);
  copied = $state(false);
  readonly task = new Task();

  async submit(): Promise<void> {
    const { name, scope, expiresOn } = this;
    this.copied = false;
    let made: { token: string; summary: ApiTokenSummary } | undefined;
    const ok = await this.task.run(async () => {
      made = await trpc.token.create.mutate({
        name,
        scope,
        // The end of that day where the person is (a local time, as milliseconds).
        expiresAt: expiresOn ? Date.parse(`${expiresOn}T23:59:59`) : null,
      });
    });
    if (!ok || !made) return;
    this.made = { name: made.summary.name, token: made.token };
    this.name = '';
    this.expiresOn = '';
    await invalidate('app:tokens');
  }

  async copy(): Promise<void> {
    if (!this.made) return;
    try {
      await navigator.clipboard.writeText(this.made.token);
      this.copied = true;
    } catch {
      // No clipboard permission (an http origin): the token stays selectable.
      this.copied = false;
    }
  }

  dismiss(): void {
    this.made = null;
    this.copied = false;
  }
}

export class TokenList {
  revoking = $state<string | null>(null);
  error = $state<string | null>(null);
  readonly #task = new Task();

  async revoke(token: ApiTokenSummary): Promise<void> {
    const yes = await confirm({
      title: `Revoke “${token.name}”?`,
      message:
        'Scripts using this token stop working at their next request. This cannot be undone.',
      confirmLabel: 'Revoke token',
    });
    if (!yes) return;
    this.revoking = token.id;
    this.error = null;
    const ok = await this.#task.run(async () => {
      await trpc.token.revoke.mutate({ id: token.id });
      await invalidate('app:tokens');
    });
    if (!ok) this.error = this.#task.error?.message ?? null;
    this.revoking = null;
  }
}

/** Whether an expiry has passed (the token then authenticates nothing). */
export function isExpired(token: ApiTokenSummary, now: number = Date.now()): boolean {
  return token.expiresAt !== null && token.expiresAt.getTime() <= now;
}
