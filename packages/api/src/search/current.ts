// The embedding model queries compare against: the process's (an
// OPENAI_EMBEDDING_MODEL endpoint) or the built-in one.
import type { DocumentServices } from '../documents/services';
import { builtinEmbedder, type Embedder } from './embedder';

export function currentEmbedder(documents: DocumentServices): Embedder {
  return documents.embedder ?? builtinEmbedder;
}
