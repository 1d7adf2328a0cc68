// Generators as streams of text. The built-in one computes its document at
// once and then hands it out in small pieces, paced so a person sees it being
// written; the OpenAI-compatible one passes the model's tokens through.
import type { Candidate, JobPosting } from './candidate';
import { generateBuiltin, type DocumentType } from './documents';

export interface TextGenerator {
  /** Recorded on each version: "builtin" or the model's name. */
  readonly name: string;
  /** The settings recorded with a version (never secrets). */
  readonly settings: Record<string, unknown>;
  generate(
    type: DocumentType,
    candidate: Candidate,
    posting: JobPosting,
    signal?: AbortSignal,
  ): AsyncIterable<string>;
}

export interface BuiltinOptions {
  /** Words handed out per second; 0 = all at once. */
  wordsPerSecond?: number;
}

// The abort listener goes when the pause ends: one left behind per piece
// would pile up on the job's signal (Node warns past ten).
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function builtinGenerator(options: BuiltinOptions = {}): TextGenerator {
  const wordsPerSecond = options.wordsPerSecond ?? 0;
  return {
    name: 'builtin',
    settings: { wordsPerSecond },
    async *generate(type, candidate, posting, signal) {
      const text = generateBuiltin(type, candidate, posting);
      if (wordsPerSecond <= 0) {
        yield text;
        return;
      }
      // Pieces of ~8 words, keeping whitespace, so the Markdown stays intact.
      const pieces = text.match(/(?:\S+\s*){1,8}|\s+/g) ?? [text];
      const delay = (8 / wordsPerSecond) * 1000;
      for (const piece of pieces) {
        yield piece;
        await sleep(delay, signal);
      }
    },
  };
}
