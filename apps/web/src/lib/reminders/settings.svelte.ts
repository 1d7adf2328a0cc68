// The settings page's calendar feed and email digest: making, rotating and
// turning off the secret feed (its URL shown once, then only "on since"), and
// the digest opt-in.
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';

export { googleCalendarUrl, webcalUrl } from './settings-links';

export class CalendarFeed {
  /** When the current feed was made; null when there is none. */
  createdAt = $state<Date | null>(null);
  /** The URL, only right after it was made (only its hash is stored). */
  url = $state<string | null>(null);
  busy = $state(false);
  copied = $state(false);
  error = $state<string | null>(null);

  constructor(createdAt: Date | null) {
    this.createdAt = createdAt;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = describeError(error).message;
    } finally {
      this.busy = false;
    }
  }

  create(): Promise<void> {
    return this.#run(async () => {
      const made = await trpc.calendar.feedUrl.mutate();
      // A feed made meanwhile in another tab keeps its URL secret: rotate to see one.
      this.url = made.url;
      this.createdAt = made.createdAt;
      this.copied = false;
    });
  }

  rotate(): Promise<void> {
    return this.#run(async () => {
      const made = await trpc.calendar.rotate.mutate();
      this.url = made.url;
      this.createdAt = made.createdAt;
      this.copied = false;
    });
  }

  disable(): Promise<void> {
    return this.#run(async () => {
      await trpc.calendar.disable.mutate();
      this.url = null;
      this.createdAt = null;
    });
  }

  async copy(): Promise<void> {
    if (!this.url) return;
    try {
      await navigator.clipboard.writeText(this.url);
      this.copied = true;
    } catch {
      // No clipboard permission (an http origin): the URL stays selectable.
      this.copied = false;
    }
  }
}

export class EmailDigest {
  enabled = $state(true);
  busy = $state(false);
  error = $state<string | null>(null);
  saved = $state(false);

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  async set(enabled: boolean): Promise<void> {
    const before = this.enabled;
    this.enabled = enabled;
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      this.enabled = (await trpc.account.setEmailDigest.mutate({ enabled })).emailDigest;
      this.saved = true;
    } catch (error) {
      this.enabled = before;
      this.error = describeError(error).message;
    } finally {
      this.busy = false;
    }
  }
}
