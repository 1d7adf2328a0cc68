// Turns whatever a tRPC call threw into what a form shows: one message, the
// per-field messages, and the wait before a rate-limited action may be retried.
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@pursuit/api';

export type ApiError = TRPCClientError<AppRouter>;

export interface ErrorView {
  message: string;
  code: string | null;
  fieldErrors: Record<string, string[]>;
  retryAfterSeconds: number | null;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}

export function describeError(error: unknown): ErrorView {
  if (isApiError(error)) {
    const data = error.data;
    const code = data?.code ?? null;
    return {
      message:
        code === 'INTERNAL_SERVER_ERROR' || !error.message
          ? 'Something went wrong on our side. Please try again.'
          : error.message,
      code,
      fieldErrors: sanitizeFieldErrors(data?.fieldErrors),
      retryAfterSeconds: data?.retryAfterSeconds ?? null,
    };
  }
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return {
    message: offline
      ? 'You appear to be offline. Check your connection and try again.'
      : 'Could not reach Pursuit. Please try again.',
    code: null,
    fieldErrors: {},
    retryAfterSeconds: null,
  };
}

function sanitizeFieldErrors(value: unknown): Record<string, string[]> {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(value)) {
    if (Array.isArray(messages))
      out[key] = messages.filter((m): m is string => typeof m === 'string');
  }
  return out;
}

/** The first message for `field`, for an input's error line. */
export function fieldError(view: ErrorView | null, field: string): string | undefined {
  return view?.fieldErrors[field]?.[0];
}

/** The current row a stale update conflicted with, if that is what happened. */
export function conflictCurrent(error: unknown): unknown {
  if (isApiError(error) && error.data?.code === 'CONFLICT') return error.data.current ?? null;
  return null;
}

/** "4 minutes 10 seconds" style wait, for rate-limit messages. */
export function formatWait(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (rest > 0 || minutes === 0) parts.push(`${rest} second${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}
