import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export { appRouter, type AppRouter } from './root';
export { createCallerFactory } from './trpc';
export {
  createContextInner,
  type Context,
  type ContextOptions,
  type RequestMeta,
  type SessionCookieWriter,
} from './context';
export * from './auth/session';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { BRIDGE_KEY, type PursuitBridge, type SsrRequest } from './bridge';
export type { ChangeFeed, FeedEvent } from './feed';
export {
  isLiveTable,
  liveTables,
  readLiveRows,
  type LiveChange,
  type LiveTable,
  type ResyncChange,
  type SyncEvent,
} from './live';
export { exportApplicationsCsv, exportEverything } from './portable/export';
export {
  runGeneration,
  type GenerationOptions,
  type GenerationOutcome,
} from './documents/generation';
export { failStaleGenerations, pruneExpiredVersions } from './documents/maintenance';
export { GENERATE_TASK, type GeneratePayload, type JobQueue } from './documents/queue';
export type { DocumentServices } from './documents/services';
export { builtinGenerator, openAIGenerator, type TextGenerator } from './generate/index';
