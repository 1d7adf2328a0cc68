// `@pursuit/api`: what the web app may import. Types only (the router's type,
// its inputs and outputs, what crosses the SSR bridge and the live feed) and
// constants with no server code behind them. Runtime code is `@pursuit/api/server`.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export type { AppRouter } from './root';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type { PursuitBridge, SsrRequest } from './bridge';
export type { Context, RequestMeta, SessionCookieWriter } from './context';
export type { LiveChange, LiveTable, ResyncChange, SyncEvent } from './live/tables';
export {
  BRIDGE_KEY,
  CLIENT_ADDRESS_HEADER,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  SESSION_DAYS,
} from './constants';
export {
  BOARD_CARD_LIMIT,
  CHILD_RECORD_LIMIT,
  DOCUMENT_VERSION_LIMIT,
  PROFILE_LIST_LIMIT,
  RESUME_LIMIT,
  SESSIONS_PER_USER_LIMIT,
  STAGE_HISTORY_LIMIT,
} from './limits';
