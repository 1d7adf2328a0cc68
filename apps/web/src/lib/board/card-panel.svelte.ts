// The application a card opens beside the board on a wide screen. It goes
// through SvelteKit's shallow routing, so the address and Back behave as if
// the page had been visited; a narrow screen visits the page itself.
import { goto, preloadData, pushState } from '$app/navigation';
import { page } from '$app/state';
import type { ApplicationDetail, DocumentsOfApplication } from '$lib/api/types';

interface LoadedApplication {
  application: ApplicationDetail;
  documents?: DocumentsOfApplication;
}

export class CardPanel {
  application = $state<ApplicationDetail | null>(null);
  documents = $state<DocumentsOfApplication | null>(null);
  readonly open = $derived(Boolean(page.state.panelId) && this.application !== null);

  /** The application shown there now, or last (until the panel has closed). */
  get id(): string | undefined {
    return page.state.panelId;
  }

  /** Opens the application beside the board; its page instead when it will not preload. */
  async show(id: string): Promise<void> {
    const href = `/applications/${id}`;
    const result = await preloadData(href);
    if (result.type === 'loaded' && result.status === 200) {
      pushState(href, { panelId: id });
      const loaded = result.data as LoadedApplication;
      this.documents = loaded.documents ?? null;
      this.application = loaded.application;
    } else {
      await goto(href);
    }
  }

  close(): void {
    history.back();
  }

  /** After the address lost its panel (Close, Escape or the browser's Back): what was shown. */
  closed(): string | null {
    const previous = this.application?.id ?? null;
    this.application = null;
    return previous;
  }
}
