// Asking for the (optional) reason of a move to Rejected, as `await ask(...)`
// reads at a call site. Each place that moves cards (the board, an application
// page) holds its own prompt and shows it with <RejectionReasonDialog>, so the
// board's side panel and the board never both show it.

/** The most common reasons, offered as suggestions (the person may write anything). */
export const REJECTION_SUGGESTIONS = [
  'No reply after interview',
  'Position filled',
  'Not enough experience',
  'Salary expectations',
  'Went with an internal candidate',
  'Role cancelled',
] as const;

/** The API's limit (applications.rejection_reason ≤ 500 characters). */
export const REJECTION_REASON_MAX = 500;

/** The reason as sent: trimmed, nothing for blank, cut at the limit. */
export function cleanReason(text: string | null | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  return trimmed ? trimmed.slice(0, REJECTION_REASON_MAX) : undefined;
}

interface Pending {
  /** "Acme — Staff Engineer": what is being rejected. */
  subject: string;
  answer: (reason: string | undefined) => void;
}

export class RejectionPrompt {
  pending = $state<Pending | null>(null);

  /** Resolves with the reason, or undefined when skipped (the move goes ahead either way). */
  ask(subject: string): Promise<string | undefined> {
    this.pending?.answer(undefined);
    return new Promise((resolve) => {
      this.pending = { subject, answer: resolve };
    });
  }

  answer(reason: string | null | undefined): void {
    const pending = this.pending;
    this.pending = null;
    pending?.answer(cleanReason(reason));
  }

  skip(): void {
    this.answer(undefined);
  }
}
