// apps/web's build output (adapter-node) has no type declarations of its own.
declare module '@pursuit/web/handler' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export const handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}
