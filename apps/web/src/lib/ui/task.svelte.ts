// Something a person asked for that talks to the server (save a name, change
// a password, sign in): busy while it runs, and its failure as the message and
// per-field errors a form shows. The try/busy/error dance, written once.
import { describeError, type ErrorView } from '$lib/api/errors';

export class Task {
  busy = $state(false);
  error = $state<ErrorView | null>(null);

  /** Runs `work`, clearing the last error first; true when it succeeded. */
  async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      return true;
    } catch (cause) {
      this.error = describeError(cause);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The error's message when no field has its own (those show under the field). */
  get formMessage(): string | null {
    const error = this.error;
    return error && Object.keys(error.fieldErrors).length === 0 ? error.message : null;
  }
}
