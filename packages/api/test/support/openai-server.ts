// A local server that speaks the Chat Completions protocol, standing in for a
// paid or local model: it records each request and answers as the test says —
// server-sent events ending in data: [DONE], a JSON completion, or an error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  body: {
    model: string;
    stream?: boolean;
    temperature?: number;
    messages: { role: string; content: string }[];
    response_format?: {
      type: string;
      json_schema?: { name: string; strict?: boolean; schema?: Record<string, unknown> };
    };
  };
  headers: IncomingMessage['headers'];
}

export type ChatHandler = (request: ChatRequest, res: ServerResponse) => void;

export interface OpenAIServer {
  baseURL: string;
  requests: ChatRequest[];
  /** Answers every request until replaced. */
  handle(handler: ChatHandler): void;
  close(): Promise<void>;
}

export async function startOpenAIServer(): Promise<OpenAIServer> {
  const requests: ChatRequest[] = [];
  let handler: ChatHandler = (_request, res) => sendError(res, 500, 'no handler set');
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request = { body: JSON.parse(raw) as ChatRequest['body'], headers: req.headers };
      requests.push(request);
      handler(request, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    handle: (next) => (handler = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One streamed chunk carrying a piece of the text. */
export function chunk(content: string): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  })}\n\n`;
}

/** A whole streamed reply: the pieces, a finish chunk and data: [DONE]. */
export function sendStream(res: ServerResponse, pieces: string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const piece of pieces) res.write(chunk(piece));
  res.write(
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'test-model', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
  );
  res.end('data: [DONE]\n\n');
}

/** A non-streaming completion whose message is `content`. */
export function sendCompletion(res: ServerResponse, content: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-2',
      object: 'chat.completion',
      created: 1,
      model: 'test-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    }),
  );
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
}
