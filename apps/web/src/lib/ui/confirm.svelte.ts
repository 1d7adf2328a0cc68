// Asking a person to confirm something, as `await confirm(...)` reads at a call
// site, without the browser's blocking window.confirm: the question is state
// here, and the one <ConfirmHost /> in the root layout shows it as our dialog.

export interface Question {
  title: string;
  /** The sentence under the title. */
  message: string;
  confirmLabel: string;
  /** Destructive (red) unless false. */
  danger?: boolean;
}

interface Pending extends Question {
  answer: (yes: boolean) => void;
}

class Confirmation {
  pending = $state<Pending | null>(null);

  /** Resolves true when the person confirms, false when they cancel or close. */
  ask(question: Question): Promise<boolean> {
    this.pending?.answer(false);
    return new Promise((resolve) => {
      this.pending = { ...question, answer: resolve };
    });
  }

  answer(yes: boolean): void {
    const pending = this.pending;
    this.pending = null;
    pending?.answer(yes);
  }
}

export const confirmation = new Confirmation();

/** Shows `question` in the app's dialog; true when confirmed. */
export function confirm(question: Question): Promise<boolean> {
  return confirmation.ask(question);
}
