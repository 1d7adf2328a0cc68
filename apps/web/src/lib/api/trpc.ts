// The browser's API client: queries and mutations over HTTP (batched),
// subscriptions over one WebSocket that is opened on first use and
// reconnects with jittered backoff.
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCLink,
  type TRPCWebSocketClient,
} from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@pursuit/api';
import { backoffDelay } from '$lib/live/backoff';

type CloseListener = (code: number | undefined) => void;

let socket: TRPCWebSocketClient | null = null;
const closeListeners = new Set<CloseListener>();

function socketUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/trpc`;
}

/** The shared WebSocket client, created on first use (browser only). */
export function getSocket(): TRPCWebSocketClient {
  socket ??= createWSClient({
    url: socketUrl,
    retryDelayMs: (attempt) => backoffDelay(attempt),
    keepAlive: { enabled: true, intervalMs: 20_000, pongTimeoutMs: 5_000 },
    onClose: (cause) => {
      for (const listener of closeListeners) listener(cause?.code);
    },
  });
  return socket;
}

/** Stops the socket for good (sign-out); the next subscription opens a new one. */
export async function closeSocket(): Promise<void> {
  const current = socket;
  socket = null;
  await current?.close();
}

/** Called with the close code each time the socket closes. */
export function onSocketClose(listener: CloseListener): () => void {
  closeListeners.add(listener);
  return () => closeListeners.delete(listener);
}

/** A wsLink whose socket is only created when the first subscription starts. */
const lazyWsLink: TRPCLink<AppRouter> = (runtime) => {
  let link: ReturnType<TRPCLink<AppRouter>> | null = null;
  let client: TRPCWebSocketClient | null = null;
  return (operation) => {
    const current = getSocket();
    if (!link || client !== current) {
      client = current;
      link = wsLink<AppRouter>({ client: current, transformer: superjson })(runtime);
    }
    return link(operation);
  };
};

export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: lazyWsLink,
      false: httpBatchLink({ url: '/trpc', transformer: superjson, maxItems: 10 }),
    }),
  ],
});
