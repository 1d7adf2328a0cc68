// The `compression` middleware, typed for the one call we make. Its @types
// package pulls in @types/express, an optional peer of @trpc/server: pnpm would
// then install a second @trpc/server, and tracked() events from one copy would
// not be recognised by the WebSocket adapter of the other. A local ambient
// declaration would type it only inside this package, not for the bench that
// type-checks this code through `@pursuit/server`; so it is required and typed here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export const compression = createRequire(import.meta.url)('compression') as () => Middleware;
