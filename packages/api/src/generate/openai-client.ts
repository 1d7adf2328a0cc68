// The Chat Completions client both OpenAI-compatible paths share (documents and
// the match), configured once for hosted and local servers alike.
import OpenAI from 'openai';

export interface OpenAIGeneratorOptions {
  baseURL: string;
  apiKey?: string;
  model?: string;
  temperature?: number;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';

export function createClient(options: OpenAIGeneratorOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseURL,
    // Local servers (Ollama, llama.cpp) need no key, but the SDK insists on one.
    apiKey: options.apiKey || 'not-needed',
    maxRetries: 1,
    timeout: 120_000,
  });
}
