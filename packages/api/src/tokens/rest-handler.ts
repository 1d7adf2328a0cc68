// The node:http handler of the REST routes (rest.ts), for apps/server to mount
// at /api/v1: trpc-to-openapi turns each request into the route's call and
// the result (or TRPCError) into plain JSON with the matching HTTP status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createOpenApiHttpHandler } from 'trpc-to-openapi';
import type { Context } from '../context';
import { restRouter } from './rest';

export type RestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createRestHandler(options: {
  createContext: (req: IncomingMessage, res: ServerResponse) => Context;
  onError?: (error: Error, path: string | undefined) => void;
}): RestHandler {
  // The adapter hands createContext a fetch Request made from the message, but
  // the very ServerResponse it was given: that finds the original request.
  const requests = new WeakMap<ServerResponse, IncomingMessage>();
  const handler = createOpenApiHttpHandler({
    router: restRouter,
    maxBodySize: 2 * 1024 * 1024,
    createContext: ({ res }) => options.createContext(requests.get(res)!, res),
    onError: ({ error, path }) => options.onError?.(error, path),
  });
  return (req, res) => {
    requests.set(res, req);
    return handler(req, res);
  };
}
