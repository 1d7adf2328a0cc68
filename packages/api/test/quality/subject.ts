// A generator under evaluation: the built-in one, or an OpenAI-compatible
// model. The quality evaluation (test/quality) runs the same labelled set
// through each and prints the same figures, so the two can be compared.
import type { Candidate, JobPosting, MatchResult, DocumentType } from '../../src/server';

export interface Subject {
  /** "builtin", or the model's name. */
  name: string;
  /** Scores the person against the job, with each requirement and where the profile shows it. */
  match(candidate: Candidate, posting: JobPosting, signal?: AbortSignal): Promise<MatchResult>;
  /** One document as Markdown. */
  document(
    type: DocumentType,
    candidate: Candidate,
    posting: JobPosting,
    signal?: AbortSignal,
  ): Promise<string>;
}
