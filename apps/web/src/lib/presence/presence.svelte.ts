// This tab's presence: an id of its own (so the server can tell a person's
// tabs apart), one presence.watch subscription per place shared by every
// component that shows it, and the typing signal for the comment box.
import type { Unsubscribable } from '@trpc/server/observable';
import type { RouterOutputs } from '@pursuit/api';
import { page } from '$app/state';
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import { reducePresence, type PresentPerson } from './presence';

export type PresenceWhere = { kind: 'board' } | { kind: 'application'; applicationId: string };
export type PresenceSnapshot =
  RouterOutputs['presence']['watch'] extends AsyncIterable<infer E> ? E : never;

function newTabId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** This tab's id; a reload is a new tab (the old one's presence ends with its socket). */
export const tabId = newTabId();

/** Tells the others here whether this tab is typing a comment on `applicationId`. */
export async function setTyping(
  ownerId: string,
  applicationId: string,
  typing: boolean,
): Promise<void> {
  try {
    await trpc.presence.typing.mutate({ ownerId, tabId, applicationId, typing });
  } catch {
    // Only an indicator: a lost signal ends by itself when presence expires.
  }
}

/** How long after the last keystroke "typing" ends. */
export const TYPING_IDLE_MS = 4000;
/** While typing goes on, "typing" is said again this often (it expires on the server). */
const TYPING_REPEAT_MS = 15_000;

/**
 * Turns keystrokes into typing on/off signals: on at the first key, again now
 * and then while it goes on, off after 4 s without a key or when sent.
 */
export class TypingSignal {
  #typing = false;
  #lastSent = 0;
  #idle: ReturnType<typeof setTimeout> | null = null;
  readonly #send: (typing: boolean) => void;

  constructor(send: (typing: boolean) => void) {
    this.#send = send;
  }

  /** The person typed. */
  input(now: number = Date.now()): void {
    if (!this.#typing || now - this.#lastSent > TYPING_REPEAT_MS) {
      this.#typing = true;
      this.#lastSent = now;
      this.#send(true);
    }
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Sent, emptied, left: no longer typing. */
  stop(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (!this.#typing) return;
    this.#typing = false;
    this.#send(false);
  }
}

/** Who is looking at one place of one owner's search, live. */
export class PresenceWatch {
  /** Everyone here, one entry per person, this tab excluded. */
  people = $state<PresentPerson[]>([]);
  /** Set when the server ended the watch (no access, or access ended). */
  ended = $state<string | null>(null);
  #subscription: Unsubscribable | null = null;
  #users = 0;
  readonly ownerId: string;
  readonly where: PresenceWhere;

  constructor(ownerId: string, where: PresenceWhere) {
    this.ownerId = ownerId;
    this.where = where;
  }

  /** One more component shows this watch; returns its release. */
  retain(): () => void {
    this.#users += 1;
    const key = keyOf(this.ownerId, this.where);
    if (!watches.has(key)) watches.set(key, this);
    if (this.#users === 1) this.#start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#users -= 1;
      if (this.#users === 0) this.#stop();
    };
  }

  receive(snapshot: PresenceSnapshot): void {
    this.people = reducePresence(snapshot.people, tabId);
  }

  #start(): void {
    this.ended = null;
    this.#subscription = trpc.presence.watch.subscribe(
      { ownerId: this.ownerId, where: this.where, tabId },
      {
        onData: (snapshot) => this.receive(snapshot),
        onError: (error) => {
          this.people = [];
          this.ended = describeError(error).message;
        },
        onComplete: () => {
          this.people = [];
        },
      },
    );
  }

  #stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.people = [];
    watches.delete(keyOf(this.ownerId, this.where));
  }
}

function keyOf(ownerId: string, where: PresenceWhere): string {
  return where.kind === 'board' ? `${ownerId}:board` : `${ownerId}:app:${where.applicationId}`;
}

// Plain Map on purpose: bookkeeping of shared subscriptions, nothing renders from it.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const watches = new Map<string, PresenceWatch>();

/** The tab's one watch of that place (avatars and the typing line share it). */
export function presenceOf(ownerId: string, where: PresenceWhere): PresenceWatch {
  const key = keyOf(ownerId, where);
  let watch = watches.get(key);
  if (!watch) {
    watch = new PresenceWatch(ownerId, where);
    watches.set(key, watch);
  }
  return watch;
}

/** The signed-in person's id, from the layout's data (null when signed out). */
export function myUserId(): string | null {
  const user = page.data.user as { id: string } | null | undefined;
  return user?.id ?? null;
}
