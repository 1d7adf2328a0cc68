// `@pursuit/api/server`: the runtime side, for apps/server, the bench and tests.
// The router value and its context, sessions, the live hub, the document
// pipeline's tasks and the exports.
export * from './index';
export { appRouter } from './root';
export { createCallerFactory } from './trpc';
export { createContextInner, type ContextOptions } from './context';
export * from './auth/session';
export { noLiveFeed, type LiveFeed, type LiveEvent } from './live/feed';
export { LiveHub, type AccessLostListener, type LiveHubOptions, type LiveStats } from './live/hub';
export { LIVE_QUEUE_LIMIT } from './live/queue';
export { liveEncoder } from './live/wire';
export * from './live/presence';
export { isLiveTable, liveTables, readLiveRows } from './live/tables';
export { exportApplicationsCsv, exportEverything } from './portable/export';
export {
  runGeneration,
  type GenerationOptions,
  type GenerationOutcome,
} from './documents/generation';
export { failStaleGenerations, pruneExpiredVersions } from './documents/maintenance';
export { GENERATE_TASK, type GeneratePayload, type JobQueue } from './documents/queue';
export { noDocumentServices, redactUrl, type DocumentServices } from './documents/services';
export {
  analyzeMatch,
  builtinGenerator,
  extractRequirements,
  generateBuiltin,
  openAIGenerator,
  type Candidate,
  type CandidateProject,
  type DocumentType,
  type ExtractedJob,
  type JobPosting,
  type MatchResult,
  type Requirement,
  type TextGenerator,
} from './generate/index';
export { calendarEventRows, calendarFeedOwner, type CalendarEventRow } from './services/calendar';
export { listReminders, type Reminder, type ReminderList } from './services/reminder';
export {
  builtinEmbedder,
  hashEmbed,
  signBits,
  BUILTIN_MODEL,
  type Embedder,
} from './search/embedder';
export { openAIEmbedder, type OpenAIEmbedderOptions } from './search/openai-embedder';
export {
  applicationText,
  contentHash,
  embedSubject,
  saveEmbedding,
  staleSubjects,
  EMBED_SWEEP_TASK,
  EMBED_TASK,
  type EmbedOutcome,
  type EmbedPayload,
} from './search/embed-job';
export {
  API_TOKEN_PREFIX,
  apiTokenHash,
  generateApiToken,
  readBearer,
  validateApiToken,
  type ApiTokenValidationResult,
  type BearerHeader,
  type ValidApiToken,
} from './tokens/token';
export { TOKEN_PROCEDURES, tokenMayCall } from './tokens/access';
export { TOKEN_RATE, TokenThrottle, type TokenRate } from './tokens/throttle';
export { createRestHandler, type RestHandler } from './tokens/rest-handler';
export { OPENAPI_PATH, openApiDocument, REST_BASE_PATH } from './tokens/openapi';
export { parseAllowHosts } from './capture/fetch';
