// The generation task: claims a queued document, streams the generator's text
// into the document row (at most one write per `throttleMs`, so every open
// session sees the text grow through the change feed), then stores the result
// as a new version. Every write names the job, so a cancelled or superseded
// job stops at its next write instead of overwriting anything. While it runs
// it beats a heartbeat (documents.heartbeat_at), tokens or not, so a model
// slow to answer is never taken for a dead worker by the sweep.
import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import {
  applications,
  documentVersions,
  documents,
  matchResults,
  withSystemActor,
  type Database,
  type DocumentType,
  type Tx,
} from '@pursuit/db';
import type { Candidate, JobPosting } from '../generate/candidate';
import { analyzeMatch } from '../generate/match';
import type { TextGenerator } from '../generate/stream';
import { loadCandidate, loadFollowUpFacts } from './candidate';
import type { GeneratePayload } from './queue';

export interface GenerationOptions {
  /** The request-role database: the job runs as its owner, recorded as the system. */
  db: Database;
  generator: TextGenerator;
  /** Minimum time between two writes of the text so far (default 100 ms: ≤ 10/s). */
  throttleMs?: number;
  /** Superseded versions expire after this many days; 0 keeps them forever. */
  retentionDays: number;
  /**
   * The longest the document goes without a heartbeat while generating
   * (default 10 s); keep it well under the sweep's GENERATION_STALE_SECONDS.
   */
  heartbeatMs?: number;
  signal?: AbortSignal;
}

export type GenerationOutcome = 'ready' | 'cancelled' | 'skipped' | 'failed';

/** Rough document sizes, for a progress figure while a model writes. */
const EXPECTED_LENGTH: Record<DocumentType, number> = {
  research_report: 3200,
  optimized_resume: 2800,
  cover_letter: 1600,
  follow_up_email: 900,
};

class Cancelled extends Error {}

export async function runGeneration(
  options: GenerationOptions,
  payload: GeneratePayload,
): Promise<GenerationOutcome> {
  const { db, generator } = options;
  const { userId, jobId } = payload;
  const mine = and(eq(documents.id, payload.documentId), eq(documents.jobId, jobId));

  const claimed = await withSystemActor(db, userId, async (tx) => {
    const [doc] = await tx
      .update(documents)
      .set({
        status: 'generating',
        progress: 0,
        draft: '',
        error: null,
        generator: generator.name,
        startedAt: sql`now()`,
        heartbeatAt: sql`now()`,
      })
      .where(and(mine, eq(documents.status, 'queued')))
      .returning();
    if (!doc) return null;
    const [application] = await tx
      .select({
        company: applications.companyName,
        roleTitle: applications.roleTitle,
        description: applications.jobDescription,
      })
      .from(applications)
      .where(eq(applications.id, doc.applicationId));
    if (!application) return null;
    const candidate = await loadCandidate(tx, userId);
    const posting: JobPosting =
      doc.type === 'follow_up_email'
        ? { ...application, followUp: await loadFollowUpFacts(tx, doc.applicationId) }
        : application;
    return { doc, posting, candidate };
  });
  if (!claimed) return 'skipped';
  const { doc, posting, candidate } = claimed;

  const abort = new AbortController();
  options.signal?.addEventListener('abort', () => abort.abort(options.signal?.reason), {
    once: true,
  });
  const throttleMs = options.throttleMs ?? 100;
  const expected = EXPECTED_LENGTH[doc.type];
  let text = '';
  let lastWrite = 0;
  let pending: Promise<void> = Promise.resolve();
  // A draft write runs while the generator goes on; its outcome is kept here
  // (never left as an unhandled rejection) and stops the generator at once.
  let stop: Cancelled | Error | undefined;

  const heartbeatMs = options.heartbeatMs ?? 10_000;
  let lastBeat = Date.now();
  // Each write is also a heartbeat; a write with no new text is only that.
  const write = async (changes: { draft: string; progress: number } | null) => {
    lastBeat = Date.now();
    const updated = await withSystemActor(db, userId, (tx) =>
      tx
        .update(documents)
        .set({ ...changes, heartbeatAt: sql`now()` })
        .where(and(mine, eq(documents.status, 'generating')))
        .returning({ id: documents.id }),
    );
    if (updated.length === 0) throw new Cancelled();
  };
  const writeDraft = (progress: number) => write({ draft: text, progress });
  // A function, so each check reads `stop` afresh across the awaits.
  const throwIfStopped = () => {
    if (stop) throw stop;
  };
  const startWrite = (progress: number) => {
    pending = writeDraft(progress).catch((error: unknown) => {
      stop = error instanceof Error ? error : new Error(String(error));
      abort.abort(stop);
    });
  };

  // While the model is silent (before its first token, or between two), the
  // heartbeat goes on its own, queued behind any write under way. A failure
  // to beat (the database away for a moment) is tried again next time; a
  // cancelled or superseded job stops the generation at once.
  let beating = Promise.resolve();
  let beatUnderWay = false;
  const heartbeat = setInterval(
    () => {
      if (beatUnderWay || stop || Date.now() - lastBeat < heartbeatMs / 2) return;
      beatUnderWay = true;
      beating = pending
        .then(() => write(null))
        .catch((error: unknown) => {
          if (error instanceof Cancelled) {
            stop = error;
            abort.abort(stop);
          }
        })
        .finally(() => (beatUnderWay = false));
    },
    Math.max(10, Math.round(heartbeatMs / 2)),
  );

  try {
    for await (const piece of generator.generate(doc.type, candidate, posting, abort.signal)) {
      throwIfStopped();
      text += piece;
      const now = Date.now();
      if (now - lastWrite >= throttleMs) {
        lastWrite = now;
        await pending;
        throwIfStopped();
        startWrite(Math.min(95, Math.round((text.length / expected) * 100)));
      }
    }
    await pending;
    clearInterval(heartbeat);
    await beating;
    throwIfStopped();
    if (text.trim().length === 0) throw new Error('The generator returned no text.');
    await finish(
      options,
      userId,
      doc.id,
      jobId,
      doc.applicationId,
      doc.type,
      text,
      candidate,
      posting,
    );
    return 'ready';
  } catch (caught) {
    abort.abort();
    clearInterval(heartbeat);
    await pending;
    await beating;
    const error = stop ?? caught;
    if (error instanceof Cancelled) return 'cancelled';
    await withSystemActor(db, userId, (tx) =>
      tx
        .update(documents)
        .set({
          status: 'failed',
          error: error instanceof Error ? error.message.slice(0, 500) : 'Generation failed.',
          draft: null,
          jobId: null,
        })
        .where(and(mine, inArray(documents.status, ['queued', 'generating']))),
    );
    return 'failed';
  }
}

async function finish(
  options: GenerationOptions,
  userId: string,
  documentId: string,
  jobId: string,
  applicationId: string,
  type: DocumentType,
  content: string,
  candidate: Candidate,
  posting: JobPosting,
) {
  await withSystemActor(options.db, userId, async (tx) => {
    // Lock the document so two finishing jobs cannot take the same number.
    const [doc] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, documentId), eq(documents.jobId, jobId)))
      .for('update');
    if (!doc || doc.status !== 'generating') throw new Cancelled();
    const [{ last } = { last: null }] = await tx
      .select({ last: max(documentVersions.version) })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, documentId));
    const version = (last ?? 0) + 1;
    await supersede(tx, documentId, options.retentionDays);
    await tx.insert(documentVersions).values({
      documentId,
      userId,
      version,
      content,
      generator: options.generator.name,
      settings: options.generator.settings,
    });
    await tx
      .update(documents)
      .set({
        currentVersion: version,
        status: 'ready',
        progress: 100,
        draft: null,
        jobId: null,
        error: null,
      })
      .where(eq(documents.id, documentId));
    if (type === 'research_report') {
      const match = analyzeMatch(candidate, posting);
      await tx.insert(matchResults).values({
        applicationId,
        userId,
        score: match.score,
        strengths: match.strengths,
        weaknesses: match.weaknesses,
        highlights: match.highlights,
        feedback: match.feedback,
        details: match.details,
        generator: 'builtin',
      });
    }
  });
}

/** Gives the document's current versions an expiry, as a new one takes over. */
export async function supersede(tx: Tx, documentId: string, retentionDays: number) {
  if (retentionDays <= 0) return;
  await tx
    .update(documentVersions)
    .set({ expiresAt: sql`now() + make_interval(days => ${retentionDays})` })
    .where(and(eq(documentVersions.documentId, documentId), isNull(documentVersions.expiresAt)));
}
