// The one call we make of the `compression` middleware. Its @types package
// pulls in @types/express, an optional peer of @trpc/server: pnpm would then
// install a second @trpc/server, and tracked() events from one copy would not
// be recognised by the WebSocket adapter of the other.
declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export default function compression(): (
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
}
