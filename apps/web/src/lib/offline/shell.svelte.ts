// The offline shell's state: which page the address asks for, and that page's
// last copy from IndexedDB with the person's waiting changes on top. The shell
// is served by the service worker when a page cannot be fetched; it knows the
// person only from the browser's record of who was signed in last.
import { positionForDrop, groupByStage } from '$lib/board/board';
import type { Card, Stage } from '$lib/api/types';
import {
  currentUser,
  loadApplication,
  loadBoard,
  quietly,
  type CachedApplication,
  type CachedBoard,
} from './cache';
import { outbox } from './outbox.svelte';
import { overlayCards, overlayDetail } from './queue';

const APPLICATION_PATH = /^\/applications\/([0-9a-f-]{36})\/?$/i;

export type ShellView =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'missing'; what: string }
  | { kind: 'new' }
  | { kind: 'board'; userId: string; board: CachedBoard }
  | { kind: 'application'; userId: string; record: CachedApplication };

/** What the shell shows for an address: the board, an application, the new-application form. */
export function routeOf(
  pathname: string,
): { kind: 'board' } | { kind: 'new' } | { kind: 'application'; id: string } | null {
  if (pathname === '/' || pathname === '') return { kind: 'board' };
  if (pathname.replace(/\/$/, '') === '/applications/new') return { kind: 'new' };
  const match = APPLICATION_PATH.exec(pathname);
  return match ? { kind: 'application', id: match[1]!.toLowerCase() } : null;
}

/** The bottom of a column, where a card moved there (or created) offline goes. */
function endOf(stage: Stage, cards: readonly Card[]): string {
  const column = groupByStage(cards)[stage];
  return positionForDrop(column, '', column.length);
}

export class OfflineShell {
  view = $state<ShellView>({ kind: 'loading' });

  /** The cards to show: the last copy with the waiting changes applied. */
  readonly cards = $derived.by(() => {
    const view = this.view;
    if (view.kind !== 'board') return [];
    return overlayCards(view.board.cards, outbox.changes, view.userId, endOf);
  });

  readonly application = $derived.by(() => {
    const view = this.view;
    if (view.kind !== 'application') return null;
    return overlayDetail(view.record.application, outbox.changes);
  });

  readonly syncedAt = $derived.by(() => {
    const view = this.view;
    if (view.kind === 'board') return view.board.syncedAt;
    if (view.kind === 'application') return view.record.syncedAt;
    return null;
  });

  async load(url: URL): Promise<void> {
    const userId = await quietly(currentUser);
    if (!userId) {
      this.view = { kind: 'signed-out' };
      return;
    }
    await outbox.use(userId);
    const route = routeOf(url.pathname);
    if (route?.kind === 'board') {
      const board = await quietly(() => loadBoard(userId));
      this.view = board
        ? { kind: 'board', userId, board }
        : { kind: 'missing', what: 'Your board has not been opened on this device yet.' };
    } else if (route?.kind === 'new') {
      this.view = { kind: 'new' };
    } else if (route?.kind === 'application') {
      const record = await quietly(() => loadApplication(userId, route.id));
      this.view = record
        ? { kind: 'application', userId, record }
        : {
            kind: 'missing',
            what: 'This application was not opened recently on this device, so it is not kept offline.',
          };
    } else {
      this.view = { kind: 'missing', what: 'This page needs a connection.' };
    }
  }
}
