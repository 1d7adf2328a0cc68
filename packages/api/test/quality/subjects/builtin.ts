// The built-in generator as a Subject: analyzeMatch and generateBuiltin, plus
// extractRequirements so the extraction figures measure its reading of the job directly.
import {
  analyzeMatch,
  extractRequirements,
  generateBuiltin,
  type Requirement,
} from '../../../src/server';
import type { EvaluatedSubject, ExtractedItem } from '../evaluate';

/** The alternatives a requirement accepts ("Tableau or Looker Studio"), when the extractor gives them. */
type WithAlternatives = Requirement & { anyOf?: string[] };

export function builtinSubject(): EvaluatedSubject {
  return {
    name: 'builtin',
    match: (candidate, posting) => Promise.resolve(analyzeMatch(candidate, posting)),
    document: (type, candidate, posting) =>
      Promise.resolve(generateBuiltin(type, candidate, posting)),
    requirements: (posting) =>
      Promise.resolve(
        extractRequirements(posting.description, posting.roleTitle).requirements.map(
          (requirement: WithAlternatives): ExtractedItem => ({
            name: requirement.name,
            ...(requirement.anyOf?.length ? { anyOf: requirement.anyOf } : {}),
            required: requirement.required,
          }),
        ),
      ),
  };
}
