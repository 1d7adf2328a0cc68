// What the document procedures need from the process they run in: the job
// queue, which generator is active, retention and the monthly AI limit.
import { TRPCError } from '@trpc/server';
import type { Embedder } from '../search/embedder';
import type { JobQueue } from './queue';

export interface DocumentServices {
  jobs: JobQueue;
  generator: { name: string; kind: 'builtin' | 'openai'; baseUrl: string | null };
  retentionDays: number;
  /** AI_MONTHLY_LIMIT: generations + analyses per calendar month; null = unlimited. */
  monthlyLimit: number | null;
  /** Search by meaning's embedding model (issue 14); absent, the built-in one. */
  embedder?: Embedder;
}

function generationUnavailable(): never {
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: 'Document generation is not available here.',
  });
}

/**
 * For callers with no job queue (router tests, scripts): generating or
 * cancelling says so; everything else about documents works.
 */
export const noDocumentServices: DocumentServices = {
  jobs: { enqueueGeneration: generationUnavailable, cancel: generationUnavailable },
  generator: { name: 'none', kind: 'builtin', baseUrl: null },
  retentionDays: 30,
  monthlyLimit: null,
};

/** Query parameters whose values are taken for credentials. */
const SECRET_PARAM = /key|token|secret|pass|pwd|auth|sig|credential|session|code/i;

/**
 * An OPENAI_BASE_URL as it may be shown or stored: user and password become
 * `***`, as do the values of secret-looking query parameters (api_key=,
 * token=, sig=…); the fragment is dropped. What is left says which server is
 * used. Anything that does not parse is not shown at all.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '(not a valid URL)';
  }
  if (url.username) url.username = '***';
  if (url.password) url.password = '***';
  url.hash = '';
  const secrets = [...url.searchParams.keys()].filter((name) => SECRET_PARAM.test(name));
  for (const name of secrets) url.searchParams.set(name, '***');
  // URLSearchParams percent-encodes `*`; the mask reads better as written.
  return url.toString().replaceAll('%2A%2A%2A', '***');
}
