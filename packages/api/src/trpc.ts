// tRPC set-up: superjson, error shapes with field messages, and the procedure
// kinds. protectedProcedure narrows ctx to a signed-in user; userProcedure also
// opens that user's RLS transaction once and hands it to the resolver as ctx.tx.
import { initTRPC, TRPCError } from '@trpc/server';
import { liveTransformer } from './live/wire';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { withUser, type Tx } from '@pursuit/db';
import type { Context } from './context';
import { toTRPCError, VersionConflict } from './errors';
import { assertTokenMayCall } from './tokens/access';

interface Issue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

function validationIssues(cause: unknown): Issue[] | null {
  if (typeof cause === 'object' && cause !== null && 'issues' in cause) {
    const issues = cause.issues;
    if (Array.isArray(issues)) return issues as Issue[];
  }
  return null;
}

function fieldName(path: Issue['path']): string {
  return (path ?? [])
    .map((p) => (typeof p === 'object' && p !== null ? String(p.key) : String(p)))
    .join('.');
}

// Procedure meta carries the OpenAPI route of the scripts' REST API (tokens/rest.ts).
const withContext = initTRPC.context<Context>().meta<OpenApiMeta>();

const t = withContext.create({
  // superjson, with each live change serialised once for all its sockets (live/wire.ts).
  transformer: liveTransformer,
  // Subscriptions run over the WebSocket only, where the session's sockets are
  // closed when it ends; tRPC would otherwise serve them as server-sent events
  // over HTTP too, streams nothing closes. (http.ts also answers them with 426.)
  sse: { enabled: false },
  errorFormatter({ shape, error }) {
    const issues = error.code === 'BAD_REQUEST' ? validationIssues(error.cause) : null;
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of issues ?? []) {
      const name = fieldName(issue.path) || '_';
      (fieldErrors[name] ??= []).push(issue.message);
    }
    const first = issues?.[0];
    // Never send a stack to the client, whatever the environment.
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: first
        ? `${fieldName(first.path) ? `${fieldName(first.path)}: ` : ''}${first.message}`
        : shape.message,
      data: {
        ...data,
        fieldErrors: issues ? fieldErrors : null,
        current: error.cause instanceof VersionConflict ? (error.cause.current as unknown) : null,
        retryAfterSeconds: error.cause instanceof RetryAfter ? error.cause.seconds : null,
      },
    };
  },
});

/** Cause attached to TOO_MANY_REQUESTS so clients can show the wait. */
export class RetryAfter extends Error {
  constructor(readonly seconds: number) {
    super(`retry after ${seconds}s`);
  }
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Database errors become the 4xx they mean, with a message a person can act on. */
const translateErrors = t.middleware(async function translateErrors({ next }) {
  const result = await next();
  if (!result.ok) {
    const translated = toTRPCError(result.error.cause ?? result.error);
    if (translated instanceof TRPCError && translated !== result.error) throw translated;
  }
  return result;
});

/**
 * A script's token (ctx.auth 'token') reaches only the procedures listed in
 * tokens/access.ts, and a read token no mutation. Checked on every procedure,
 * public ones included, before anything else runs: an unknown, revoked or
 * expired token is UNAUTHORIZED even where no sign-in is needed.
 */
const tokenGate = t.middleware(async function tokenGate({ ctx, path, type, next }) {
  if (ctx.auth !== 'token') return next();
  const { token } = await ctx.apiToken();
  if (!token) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'This token is unknown, revoked or expired. Make a new one on the account page.',
    });
  }
  assertTokenMayCall(path, type, token.scope);
  return next({ ctx: { ...ctx, tokenScope: token.scope } });
});

const isAuthed = t.middleware(async function isAuthed({ ctx, next }) {
  const { session, user } = await ctx.authenticate();
  if (!session) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  }
  return next({ ctx: { ...ctx, session, user } });
});

export const publicProcedure = t.procedure.use(translateErrors).use(tokenGate);
export const protectedProcedure = publicProcedure.use(isAuthed);
/**
 * A signed-in user's query or mutation, run inside one transaction scoped to
 * that user (RLS reads `app.user_id`), handed to the resolver as `ctx.tx`.
 * tRPC returns errors as a result rather than throwing, so a failed result is
 * re-thrown inside the transaction to roll it back, then returned unchanged.
 * Not for subscriptions: their generator outlives the call.
 */
export const userProcedure = protectedProcedure.use(async function inUserTransaction({
  ctx,
  next,
}) {
  // Typed from the call that adds `tx`, so resolvers see ctx.tx.
  const withTx = (tx: Tx) => next({ ctx: { tx } });
  let failed: Awaited<ReturnType<typeof withTx>> | undefined;
  try {
    return await withUser(ctx.db, ctx.user.id, async (tx) => {
      const result = await withTx(tx);
      if (!result.ok) {
        failed = result;
        throw result.error;
      }
      return result;
    });
  } catch (error) {
    if (failed) return failed;
    throw error;
  }
});
