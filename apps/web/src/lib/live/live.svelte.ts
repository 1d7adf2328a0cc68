// The live connection: one sync.changes subscription per tab over the shared
// WebSocket. It owns the connection status shown in the header, remembers the
// last event id (sessionStorage, so a reload resumes), and hands each change
// to the views that registered for it.
import type { Unsubscribable } from '@trpc/server/observable';
import { describeError } from '$lib/api/errors';
import { onSocketClose, trpc } from '$lib/api/trpc';
import type { SyncChange, TrackedSyncEvent } from '$lib/api/types';
import { belongsTo } from './owner';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Close code apps/server uses when the socket's session was signed out or revoked. */
export const SESSION_ENDED_CODE = 4001;
/**
 * Close code apps/server uses when this tab read too slowly and fell behind.
 * Nothing is wrong with the session: the socket reconnects and tRPC resends
 * the subscription with the last event id received, so the server replays
 * what was dropped (or sends a resync).
 */
export const SOCKET_TOO_SLOW_CODE = 4002;

/** How often, at most, an unexplained close while not live asks whether the session still holds. */
const SESSION_CHECK_INTERVAL_MS = 15_000;

/**
 * What a socket close calls for: 'check-session' asks the server whether this
 * tab is still signed in; 'resume' leaves it to the socket's own reconnect,
 * which resumes from the last event id.
 */
export function closeAction(
  code: number | undefined,
  live: boolean,
  msSinceSessionCheck: number,
): 'check-session' | 'resume' {
  if (code === SESSION_ENDED_CODE) return 'check-session';
  if (code === SOCKET_TOO_SLOW_CODE) return 'resume';
  // A close before the socket went live may be an upgrade refused for an
  // expired session: check, at most every 15 s.
  return !live && msSinceSessionCheck > SESSION_CHECK_INTERVAL_MS ? 'check-session' : 'resume';
}

const STORAGE_KEY = 'pursuit.lastEventId';

/** A view that keeps itself current from live changes. */
export interface LiveView {
  /** A change to one row the user can see (or could see before). */
  apply(change: Exclude<SyncChange, { op: 'resync' }>): void;
  /** Changes may have been missed: reload everything shown. */
  resync(): void | Promise<void>;
  /**
   * Whose search the view shows. A grantee's stream carries every shared
   * owner's rows too; with this set, the view gets only that owner's rows
   * (and every delete, which it applies by id). Unset: every change.
   */
  ownerId?: () => string | null | undefined;
}

export interface LiveOptions {
  /** Called when the server says this tab's session is over. */
  onSessionEnded: () => void | Promise<void>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

/** Maps the WebSocket client's state to what the indicator says. */
export function connectionStatus(
  state: 'idle' | 'connecting' | 'pending',
  hasError: boolean,
  wasLive: boolean,
  online: boolean,
): ConnectionStatus {
  if (!online) return 'offline';
  if (state === 'pending') return 'live';
  if (state === 'idle') return wasLive ? 'offline' : 'connecting';
  return hasError || wasLive ? 'reconnecting' : 'connecting';
}

export class LiveConnection {
  status = $state<ConnectionStatus>('connecting');
  lastEventId = $state<string | null>(null);
  /** Set once the first live state is reached; a later drop is "reconnecting". */
  everLive = $state(false);

  // Plain Set on purpose: registration is bookkeeping, nothing renders from it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #views = new Set<LiveView>();
  #subscription: Unsubscribable | null = null;
  #stopSocketWatch: (() => void) | null = null;
  #options: LiveOptions;
  #online = true;
  #socketState: 'idle' | 'connecting' | 'pending' = 'connecting';
  #socketError = false;
  #checkingSession = false;
  #lastSessionCheck = 0;

  constructor(options: LiveOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#subscription !== null;
  }

  /**
   * Subscribes from `cursor` (the event id the page's data was loaded at) or,
   * without one, from the id this tab saw last.
   */
  start(cursor: string | null = null): void {
    if (this.#subscription) return;
    this.lastEventId = cursor ?? this.#readStored();
    this.#online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.#socketState = 'connecting';
    this.#socketError = false;
    this.#updateStatus();

    this.#stopSocketWatch = onSocketClose((code) => {
      const live = this.status === 'live';
      if (closeAction(code, live, Date.now() - this.#lastSessionCheck) === 'check-session') {
        void this.#checkSession();
      }
    });
    this.#subscription = trpc.sync.changes.subscribe(
      { lastEventId: this.lastEventId },
      {
        onData: (event) => this.receive(event),
        onError: (error) => {
          const { code } = describeError(error);
          if (code === 'UNAUTHORIZED') void this.#checkSession();
          else console.warn('live updates stopped:', error);
        },
        onConnectionStateChange: (state) => {
          this.#socketState = state.state;
          this.#socketError = state.error !== null;
          if (state.state === 'pending') this.everLive = true;
          this.#updateStatus();
        },
      },
    );
  }

  stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#stopSocketWatch?.();
    this.#stopSocketWatch = null;
  }

  /** Forgets the stored position (on sign-out, so another account never resumes it). */
  forget(): void {
    this.lastEventId = null;
    this.#storage()?.removeItem(STORAGE_KEY);
  }

  setOnline(online: boolean): void {
    this.#online = online;
    this.#updateStatus();
  }

  /** Registers a view; returns its unregister function. */
  register(view: LiveView): () => void {
    this.#views.add(view);
    return () => this.#views.delete(view);
  }

  /** Handles one tracked event: remember its id, then pass it to the views. */
  receive(event: TrackedSyncEvent): void {
    this.lastEventId = event.id;
    this.#storage()?.setItem(STORAGE_KEY, event.id);
    const change = event.data;
    for (const view of this.#views) {
      try {
        if (change.op === 'resync') {
          void view.resync();
          continue;
        }
        const owner = view.ownerId?.();
        if (owner && !belongsTo(change, owner)) continue;
        view.apply(change);
      } catch (error) {
        console.error('a live view failed to apply a change', error);
      }
    }
  }

  #updateStatus(): void {
    this.status = connectionStatus(
      this.#socketState,
      this.#socketError,
      this.everLive,
      this.#online,
    );
  }

  async #checkSession(): Promise<void> {
    if (this.#checkingSession) return;
    this.#checkingSession = true;
    this.#lastSessionCheck = Date.now();
    try {
      const user = await trpc.auth.me.query();
      if (!user) {
        this.stop();
        this.forget();
        await this.#options.onSessionEnded();
      }
    } catch {
      // Offline or the server is restarting: the socket's own retries go on.
    } finally {
      this.#checkingSession = false;
    }
  }

  #storage() {
    if (this.#options.storage !== undefined) return this.#options.storage;
    try {
      return typeof sessionStorage === 'undefined' ? null : sessionStorage;
    } catch {
      return null;
    }
  }

  #readStored(): string | null {
    try {
      return this.#storage()?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }
}
