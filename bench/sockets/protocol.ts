// What bench/sockets.ts and its generator processes say to each other over IPC.

export interface SocketSpec {
  cookie: string;
  /** The user's index: their write sets notes to `b<user>`. */
  user: number;
}

export type GeneratorRequest =
  | {
      type: 'open';
      wsUrl: string;
      origin: string;
      /** The loopback source address (127.0.0.x) this process connects from. */
      localAddress: string;
      specs: SocketSpec[];
      batch: number;
      timeoutMs: number;
    }
  | { type: 'tally' }
  | { type: 'close' };

export type GeneratorReply =
  | { type: 'ready' }
  | {
      type: 'opened';
      started: number;
      failed: number;
      /** Upgrades refused with 503 and tried again. */
      retried: number;
      failures: string[];
    }
  | {
      type: 'tally';
      /** Sockets subscribed and open. */
      sockets: number;
      /** Sockets that received their user's write at least once. */
      received: number;
      /** Extra copies of a write a socket had already received. */
      duplicates: number;
      /** Frames carrying another user's write. */
      wrongUser: number;
      /** Sockets the server closed after their subscription started. */
      closedAfterStart: number;
    };
