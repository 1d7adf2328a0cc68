// What every procedure receives. Built by the transports in apps/server (HTTP,
// WebSocket) and by in-process callers (SSR, tests) through createContextInner,
// which knows nothing of sockets or requests.
import type { Database } from '@pursuit/db';
import { validateSessionToken, type SessionValidationResult } from './auth/session';
import type { SignupMode } from './auth/signup';
import type { DocumentServices } from './documents/services';
import type { LiveFeed } from './live/feed';
import type { PresenceFeed } from './live/presence';
import { validateApiToken, type ApiTokenValidationResult } from './tokens/token';
import type { ApiTokenScope } from '@pursuit/db';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** Served over https: cookies get the Secure flag. */
  secure: boolean;
}

/** How a procedure changes the person's session cookie on this transport. */
export interface SessionCookieWriter {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface ContextOptions {
  /** The request-role database (RLS applies). */
  db: Database;
  sessionToken: string | null;
  /**
   * A script's token from `Authorization: Bearer` (HTTP only). When set, it is
   * the only credential: the session cookie is ignored and the token gate in
   * trpc.ts decides which procedures it may call.
   */
  bearerToken?: string | null;
  meta?: Partial<RequestMeta>;
  cookies?: SessionCookieWriter;
  /**
   * A WebSocket context lives as long as the connection, so its session is
   * re-validated on every call; an HTTP context validates once per request.
   */
  revalidateEveryCall?: boolean;
  /** This process's live feed (`noLiveFeed` where nothing is live). */
  feed: LiveFeed;
  /** Job queue and generator settings (`noDocumentServices` where none run). */
  documents: DocumentServices;
  /**
   * Live subscriptions this connection may hold at once (a WebSocket sets
   * it). Unset, there is no per-connection bound: in-process callers.
   */
  subscriptionLimit?: number;
  /** The public origin links are made with (ORIGIN); default http://localhost:3000. */
  publicOrigin?: string;
  /** Who may create an account (SIGNUP); default 'open'. */
  signup?: SignupMode;
  /** GHOSTED_AFTER_DAYS: an application applied this long ago with no reply has gone quiet; default 21. */
  ghostedAfterDays?: number;
  /** SMTP_URL is set, so the daily email digest is sent; default false. */
  digestAvailable?: boolean;
  /** Who is looking at whose search (issue 12); unset where no presence runs. */
  presence?: PresenceFeed;
  /** CAPTURE_ALLOW_HOSTS: host or host:port capture.fromUrl may fetch on private addresses; default none. */
  captureAllowHosts?: readonly string[];
}

/** The live subscriptions open on one connection, counted against its limit. */
export interface SubscriptionSlots {
  readonly limit: number;
  readonly open: number;
  /** Takes a slot; returns its release (idempotent), or null when all are taken. */
  claim(): (() => void) | null;
}

function subscriptionSlots(limit: number): SubscriptionSlots {
  let open = 0;
  return {
    limit,
    get open() {
      return open;
    },
    claim() {
      if (open >= limit) return null;
      open += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open -= 1;
      };
    },
  };
}

export interface Context {
  db: Database;
  sessionToken: string | null;
  /** How the caller authenticates: a browser session, or a script's token. */
  auth: 'session' | 'token';
  /** A token's scope once the token gate has checked it; null for sessions. */
  tokenScope: ApiTokenScope | null;
  /** The bearer token checked (once per request); nulls when auth is 'session'. */
  apiToken(): Promise<ApiTokenValidationResult>;
  meta: RequestMeta;
  cookies: SessionCookieWriter;
  feed: LiveFeed;
  documents: DocumentServices;
  /** Shared by every call on this connection: one context per WebSocket. */
  subscriptions: SubscriptionSlots;
  publicOrigin: string;
  signup: SignupMode;
  ghostedAfterDays: number;
  digestAvailable: boolean;
  captureAllowHosts: readonly string[];
  /** This process's presence (absent: presence.* answers PRECONDITION_FAILED). */
  presence?: PresenceFeed;
  authenticate(): Promise<SessionValidationResult>;
}

export const DEFAULT_GHOSTED_AFTER_DAYS = 21;

const noCookies: SessionCookieWriter = { set() {}, clear() {} };

/** Far enough that nothing compares against it: a token without an expiry. */
const NEVER = new Date('9999-12-31T00:00:00Z');

export function createContextInner(options: ContextOptions): Context {
  let cached: Promise<SessionValidationResult> | undefined;
  let checkedToken: Promise<ApiTokenValidationResult> | undefined;
  const bearer = options.bearerToken ?? null;
  const context: Context = {
    db: options.db,
    // A bearer request never reads the cookie, so it never renews it either.
    sessionToken: bearer === null ? options.sessionToken : null,
    auth: bearer === null ? 'session' : 'token',
    tokenScope: null,
    apiToken() {
      if (bearer === null) return Promise.resolve({ token: null, user: null });
      checkedToken ??= validateApiToken(context.db, bearer);
      return checkedToken;
    },
    meta: {
      ip: options.meta?.ip ?? null,
      userAgent: options.meta?.userAgent ?? null,
      secure: options.meta?.secure ?? false,
    },
    cookies: options.cookies ?? noCookies,
    feed: options.feed,
    documents: options.documents,
    subscriptions: subscriptionSlots(options.subscriptionLimit ?? Number.POSITIVE_INFINITY),
    publicOrigin: options.publicOrigin ?? 'http://localhost:3000',
    signup: options.signup ?? 'open',
    ghostedAfterDays: options.ghostedAfterDays ?? DEFAULT_GHOSTED_AFTER_DAYS,
    digestAvailable: options.digestAvailable ?? false,
    captureAllowHosts: options.captureAllowHosts ?? [],
    presence: options.presence,
    authenticate() {
      // A token stands for its owner as a session would. Its id is never a
      // session's (those are hex hashes), and the procedures that read the
      // session (auth.*) are out of a token's reach anyway.
      if (bearer !== null) {
        return context.apiToken().then(({ token, user }) =>
          token
            ? {
                session: {
                  id: `api-token:${token.id}`,
                  userId: token.userId,
                  expiresAt: token.expiresAt ?? NEVER,
                  createdAt: new Date(),
                },
                user,
              }
            : { session: null, user: null },
        );
      }
      if (options.revalidateEveryCall)
        return validateSessionToken(context.db, context.sessionToken);
      // As the Lucia guide does: re-send the cookie with the session's current
      // expiry, or a renewal in the database would never reach the browser.
      cached ??= validateSessionToken(context.db, context.sessionToken).then((result) => {
        if (result.session && context.sessionToken) {
          context.cookies.set(context.sessionToken, result.session.expiresAt);
        }
        return result;
      });
      return cached;
    },
  };
  return context;
}
