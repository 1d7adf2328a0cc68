// The command palette's state (issue 14): open or closed, what is typed, the
// search mode, and the items shown — search results, pages and actions —
// with the one that Enter opens. Searching waits for typing to pause, and
// only the answer to the latest query is shown.
import type { RouterOutputs } from '@pursuit/api';
import { trpc } from '$lib/api/trpc';

export type SearchResult = RouterOutputs['search']['query']['results'][number];
export type SearchMode = 'words' | 'meaning';

export interface PaletteLink {
  kind: 'page' | 'action';
  id: string;
  label: string;
  href: string;
  /** Other words it answers to ("board" finds Board, "add" finds New application). */
  keywords?: string;
}

export type PaletteItem =
  | { type: 'result'; key: string; href: string; result: SearchResult }
  | { type: 'link'; key: string; href: string; link: PaletteLink };

export const SEARCH_DELAY_MS = 200;

export const PAGES: PaletteLink[] = [
  { kind: 'page', id: 'board', label: 'Board', href: '/', keywords: 'home applications kanban' },
  { kind: 'page', id: 'insights', label: 'Insights', href: '/insights', keywords: 'stats numbers' },
  { kind: 'page', id: 'offers', label: 'Offers', href: '/offers', keywords: 'compare salary' },
  {
    kind: 'page',
    id: 'profile',
    label: 'Profile',
    href: '/profile',
    keywords: 'experience skills',
  },
  { kind: 'page', id: 'resumes', label: 'Résumés', href: '/resumes', keywords: 'resumes cv' },
  { kind: 'page', id: 'data', label: 'Data', href: '/data', keywords: 'import export csv' },
  { kind: 'page', id: 'settings', label: 'Settings', href: '/settings', keywords: 'preferences' },
  {
    kind: 'page',
    id: 'account',
    label: 'Account',
    href: '/account',
    keywords: 'password sessions',
  },
  { kind: 'page', id: 'shared', label: 'Shared with me', href: '/shared', keywords: 'sharing' },
];

export const ACTIONS: PaletteLink[] = [
  {
    kind: 'action',
    id: 'new-application',
    label: 'New application',
    href: '/applications/new',
    keywords: 'add create job',
  },
  {
    kind: 'action',
    id: 'new-resume',
    label: 'New résumé',
    href: '/resumes/new',
    keywords: 'add resume cv',
  },
];

/** Where a result opens: its application, or the résumé itself. */
export function resultHref(result: SearchResult): string {
  if (result.kind === 'resume') return `/resumes/${result.id}`;
  return `/applications/${result.applicationId}`;
}

function matches(link: PaletteLink, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return `${link.label} ${link.keywords ?? ''}`.toLowerCase().includes(q);
}

export class Palette {
  open = $state(false);
  query = $state('');
  mode = $state<SearchMode>('words');
  results = $state<SearchResult[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  active = $state(0);
  /** The query the shown results answer. */
  answered = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;

  readonly items: PaletteItem[] = $derived.by(() => {
    const results: PaletteItem[] = this.results.map((result) => ({
      type: 'result',
      key: `${result.kind}:${result.id}`,
      href: resultHref(result),
      result,
    }));
    const links: PaletteItem[] = [...ACTIONS, ...PAGES]
      .filter((link) => matches(link, this.query))
      .map((link) => ({ type: 'link', key: `${link.kind}:${link.id}`, href: link.href, link }));
    return [...results, ...links];
  });

  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
    clearTimeout(this.#timer);
  }

  /** What is typed changed: search once typing pauses. */
  type(query: string): void {
    this.query = query;
    this.active = 0;
    clearTimeout(this.#timer);
    if (!query.trim()) {
      this.#request += 1;
      this.results = [];
      this.answered = '';
      this.loading = false;
      this.error = null;
      return;
    }
    this.loading = true;
    this.#timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
  }

  setMode(mode: SearchMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.type(this.query);
  }

  async search(): Promise<void> {
    const q = this.query.trim();
    const request = ++this.#request;
    if (!q) return;
    try {
      const answer = await trpc.search.query.query({ q, mode: this.mode, limit: 20 });
      if (request !== this.#request) return;
      this.results = answer.results;
      this.answered = q;
      this.error = null;
      this.active = 0;
    } catch (error) {
      if (request !== this.#request) return;
      this.results = [];
      this.error =
        error instanceof Error && error.message ? error.message : 'Search failed. Try again.';
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  move(by: number): void {
    const count = this.items.length;
    if (count === 0) return;
    this.active = (this.active + by + count) % count;
  }

  moveTo(index: number): void {
    if (this.items.length > 0) this.active = Math.max(0, Math.min(index, this.items.length - 1));
  }
}

/** The one palette of the app: the header button and Ctrl/Cmd-K open it. */
export const palette = new Palette();
