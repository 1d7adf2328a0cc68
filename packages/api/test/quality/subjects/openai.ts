// The OpenAI-compatible model as a quality subject: the match as structured
// output, each document as the model streams it, joined.
import { openAIAnalyzeMatch, openAIGenerator } from '../../../src/generate/openai';
import type { Subject } from '../subject';

export function openAISubject(options: {
  baseURL: string;
  apiKey?: string;
  model?: string;
}): Subject {
  const generator = openAIGenerator(options);
  return {
    name: generator.name,
    match: (candidate, posting, signal) => openAIAnalyzeMatch(options, candidate, posting, signal),
    async document(type, candidate, posting, signal) {
      let text = '';
      for await (const piece of generator.generate(type, candidate, posting, signal)) text += piece;
      return text;
    },
  };
}
