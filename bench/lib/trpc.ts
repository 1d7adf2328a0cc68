// tRPC at the wire level, as a browser speaks it: HTTP calls with superjson bodies
// and the Origin header, and the WebSocket frame that subscribes to sync.changes.

export class HttpError extends Error {}

interface TrpcBody {
  result?: { data?: { json?: unknown } };
  error?: unknown;
}

/** The `json` of a tRPC answer, or an HttpError naming the procedure and what came back. */
async function readResult<T>(path: string, response: Response): Promise<T> {
  const body = (await response.json()) as TrpcBody;
  if (!response.ok || !body.result) {
    throw new HttpError(
      `${path}: HTTP ${response.status} ${JSON.stringify(body.error ?? body).slice(0, 400)}`,
    );
  }
  return body.result.data?.json as T;
}

/** A tRPC mutation: POST with a superjson body; the answer and any Set-Cookie header. */
export async function mutation<T>(
  base: string,
  path: string,
  input: unknown,
  cookie?: string,
): Promise<{ data: T; setCookie: string | null }> {
  const headers: Record<string, string> = { origin: base, 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ json: input }),
    signal: AbortSignal.timeout(15_000),
  });
  const data = await readResult<T>(path, response);
  return { data, setCookie: response.headers.get('set-cookie') };
}

/** A tRPC query: GET with the superjson input in the URL. */
export async function query<T>(
  base: string,
  path: string,
  input: unknown,
  cookie: string,
): Promise<T> {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await fetch(`${base}/trpc/${path}?input=${encoded}`, {
    headers: { cookie },
    signal: AbortSignal.timeout(15_000),
  });
  return readResult<T>(path, response);
}

/** The `name=value` part of a Set-Cookie header: what a browser sends back. */
export function sessionCookie(setCookie: string | null, procedure: string): string {
  if (!setCookie) throw new Error(`${procedure} set no cookie`);
  return setCookie.split(';')[0]!;
}

/** The frame a client sends on a fresh socket to follow the live feed from now. */
export const SUBSCRIBE_CHANGES = JSON.stringify({
  id: 1,
  method: 'subscription',
  params: { path: 'sync.changes', input: { json: { lastEventId: null } } },
});
