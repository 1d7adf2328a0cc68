// What the document procedures need from the process they run in: the job
// queue, which generator is active, retention and the monthly AI limit.
import type { JobQueue } from './queue';

export interface DocumentServices {
  jobs: JobQueue;
  generator: { name: string; kind: 'builtin' | 'openai'; baseUrl: string | null };
  retentionDays: number;
  /** AI_MONTHLY_LIMIT: generations + analyses per calendar month; null = unlimited. */
  monthlyLimit: number | null;
}
