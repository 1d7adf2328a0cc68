// One document generation as the person triggers it over HTTP, timed by what the
// second session's WebSocket sees: "generating", the first draft text, "ready".
import { mutation, query } from '../lib/trpc';
import type { Listener } from './listener';
import { words, type DocumentType } from './pure';

export interface GenerationRun {
  type: DocumentType;
  /** document.generate over HTTP: request sent → response read. */
  enqueue: number;
  /** First frame showing the worker picked it up (status generating), from t0. */
  generating: number;
  /** First frame with draft text, from t0 (paced runs). */
  firstDraft: number;
  /** Frame with status ready and the new version, from t0. */
  ready: number;
  version: number;
  /** Frames of this document during the run, and the most in any one second. */
  frames: number;
  maxPerSecond: number;
  words: number;
}

/** One generation as the person triggers it; the second client's view of it. */
export async function generateOnce(
  base: string,
  cookie: string,
  listener: Listener,
  applicationId: string,
  type: DocumentType,
  previousVersion: number,
  timeoutMs: number,
): Promise<GenerationRun> {
  const from = listener.frames.length;
  const t0 = performance.now();
  const { data } = await mutation<{ documentId: string; jobId: string; deduplicated: boolean }>(
    base,
    'document.generate',
    { applicationId, type },
    cookie,
  );
  const enqueue = performance.now() - t0;
  if (data.deduplicated)
    throw new Error(`document.generate(${type}) was deduplicated: a job was still running`);
  const ready = await listener.waitFor(
    from,
    (row) =>
      row.id === data.documentId &&
      row.status === 'ready' &&
      (row.currentVersion ?? 0) > previousVersion,
    timeoutMs,
  );
  if (!ready) {
    const seen = listener.frames.slice(from).map((f) => `${f.row.status}/${f.row.currentVersion}`);
    throw new Error(
      `no "ready" for ${type} within ${timeoutMs} ms; frames seen: ${seen.join(' ') || 'none'}`,
    );
  }
  const mine = listener.frames
    .slice(from)
    .filter((f) => f.row.id === data.documentId && f.at <= ready.at);
  const generating = mine.find((f) => f.row.status === 'generating');
  const firstDraft = mine.find((f) => (f.row.draft ?? '').length > 0);
  let maxPerSecond = 0;
  for (let i = 0; i < mine.length; i += 1) {
    let n = 0;
    while (i + n < mine.length && mine[i + n]!.at - mine[i]!.at < 1000) n += 1;
    maxPerSecond = Math.max(maxPerSecond, n);
  }
  const docs = await query<{ documents: { id: string; content: string | null }[] }>(
    base,
    'document.forApplication',
    { applicationId },
    cookie,
  );
  const content = docs.documents.find((d) => d.id === data.documentId)?.content ?? '';
  return {
    type,
    enqueue,
    generating: generating ? generating.at - t0 : Number.NaN,
    firstDraft: firstDraft ? firstDraft.at - t0 : Number.NaN,
    ready: ready.at - t0,
    version: ready.row.currentVersion ?? 0,
    frames: mine.length,
    maxPerSecond,
    words: words(content),
  };
}
