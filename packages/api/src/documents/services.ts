// What the document procedures need from the process they run in: the job
// queue, which generator is active, retention and the monthly AI limit.
import { TRPCError } from '@trpc/server';
import type { JobQueue } from './queue';

export interface DocumentServices {
  jobs: JobQueue;
  generator: { name: string; kind: 'builtin' | 'openai'; baseUrl: string | null };
  retentionDays: number;
  /** AI_MONTHLY_LIMIT: generations + analyses per calendar month; null = unlimited. */
  monthlyLimit: number | null;
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
