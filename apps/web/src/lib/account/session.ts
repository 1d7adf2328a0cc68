// This tab's signed-in life: the live connection, and leaving for the
// sign-in page (sign-out, revocation elsewhere) with a reason it can show.
import { goto } from '$app/navigation';
import { LiveConnection } from '$lib/live/live.svelte';
import { closeSocket, trpc } from '$lib/api/trpc';
import { forgetOfflineData } from '$lib/offline/keeper.svelte';

export type SignedOutReason = 'signed-out' | 'logged-out' | 'password-changed';

/** The tab's one live connection; the layout starts it once signed in. */
export const live = new LiveConnection({
  onSessionEnded: () => leaveToLogin('signed-out'),
});

export async function leaveToLogin(reason: SignedOutReason): Promise<void> {
  live.stop();
  live.forget();
  // The next person on this browser must not see this one's offline copy.
  await forgetOfflineData();
  await closeSocket();
  await goto(`/login?reason=${reason}`, { invalidateAll: true, replaceState: true });
}

export async function signOut(): Promise<void> {
  try {
    await trpc.auth.logout.mutate();
  } finally {
    await leaveToLogin('logged-out');
  }
}

export { safeNext } from './next';
