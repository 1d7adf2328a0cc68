// The quality evaluation's entry for the benchmark (`pnpm bench:quality`): the
// labelled set, the evaluation, the report and the built-in subject.
export type { Subject } from './subject';
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
