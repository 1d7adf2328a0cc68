// The job queue as procedures see it. apps/server implements it with
// graphile-worker; the task itself is runGeneration in ./generation.ts.

export const GENERATE_TASK = 'generate_document';

export interface GeneratePayload {
  documentId: string;
  userId: string;
  /** Our id for this generation (documents.job_id); also the queue's job key. */
  jobId: string;
}

export interface JobQueue {
  /** Queues a generation; returns the queue's job id. */
  enqueueGeneration(payload: GeneratePayload): Promise<string>;
  /** Removes a queued job (a running one stops at its next write). */
  cancel(jobId: string): Promise<void>;
}
