// Embeddings from an OpenAI-compatible /v1/embeddings endpoint (OpenAI,
// Ollama, llama.cpp, vLLM), with the client the generators use. Chosen when
// OPENAI_EMBEDDING_MODEL is set; the model name goes with every vector.
import { createClient } from '../generate/openai-client';
import { normalise, type Embedder } from './embedder';

export interface OpenAIEmbedderOptions {
  baseURL: string;
  apiKey?: string;
  model: string;
}

/** Inputs per request: well under every server's limit. */
const BATCH = 64;
/** Characters of one input: long postings are cut rather than refused by the model. */
const MAX_CHARS = 8000;

export function openAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = createClient({ baseURL: options.baseURL, apiKey: options.apiKey });
  return {
    model: options.model,
    async embed(texts) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const input = texts.slice(i, i + BATCH).map((t) => t.slice(0, MAX_CHARS) || ' ');
        const response = await client.embeddings.create({
          model: options.model,
          input,
          encoding_format: 'float',
        });
        const byIndex = [...response.data].sort((a, b) => a.index - b.index);
        if (byIndex.length !== input.length) {
          throw new Error(
            `The embeddings endpoint returned ${byIndex.length} vectors for ${input.length} texts.`,
          );
        }
        // Stored unit-length whatever the server sends, so cosine is the dot product.
        for (const item of byIndex) vectors.push(normalise(item.embedding));
      }
      return vectors;
    },
  };
}
