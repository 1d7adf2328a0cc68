// The quality evaluation's entry for the benchmark (`pnpm bench:quality`): the
// labelled set, the evaluation, the report and the built-in subject.
import type { Subject } from './subject';

export type { Subject };
export {
  loadQualitySet,
  candidateFromJsonResume,
  type QualitySet,
  type QualityJob,
  type QualityProfile,
  type QualityLabels,
} from './load';
export {
  evaluate,
  countWords,
  COVER_LETTER_WORDS,
  type EvaluatedSubject,
  type EvaluateOptions,
  type ExtractedItem,
  type PairResult,
  type QualityReport,
} from './evaluate';
export { formatCases, formatTable, QUALITY_TARGETS } from './report';
export { builtinSubject } from './subjects/builtin';

export interface OpenAISubjectOptions {
  baseURL: string;
  apiKey?: string;
  model?: string;
}

/**
 * The OpenAI-compatible Subject (subjects/openai.ts), imported only when a
 * run asks for it, so the bench runs whether or not that module is there yet.
 */
export async function loadOpenAISubject(options: OpenAISubjectOptions): Promise<Subject> {
  // A specifier in a variable: resolved at run time, not by the type check.
  const specifier = './subjects/openai.ts';
  let module: { openAISubject: (options: OpenAISubjectOptions) => Subject };
  try {
    module = (await import(specifier)) as typeof module;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'An OpenAI-compatible endpoint is configured, but test/quality/subjects/openai.ts is not there yet; unset OPENAI_BASE_URL to measure the built-in generator alone.',
      { cause: error },
    );
  }
  return module.openAISubject(options);
}
