// The second client of the documents benchmark: a raw tRPC WebSocket of another
// session subscribed to sync.changes, keeping every documents row it receives.
import WebSocket from 'ws';
import { own } from '../lib/run';
import { SUBSCRIBE_CHANGES } from '../lib/trpc';
import { sleep } from '../measure';

export interface DocumentRow {
  id: string;
  status: string;
  progress: number;
  draft: string | null;
  currentVersion: number | null;
  jobId: string | null;
}

export interface DocFrame {
  at: number;
  row: DocumentRow;
}

/** The second client: a raw tRPC WebSocket subscribed to sync.changes, keeping documents rows. */
export class Listener {
  readonly frames: DocFrame[] = [];
  errorFrames = 0;
  private started = false;

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const text = data.toString();
      if (text === 'PING') {
        socket.send('PONG');
        return;
      }
      const message = JSON.parse(text) as {
        result?: {
          type: string;
          data?: { json?: { data?: { table?: string; row?: DocumentRow | null } } };
        };
        error?: unknown;
      };
      if (message.error) this.errorFrames += 1;
      if (message.result?.type === 'started') this.started = true;
      const change = message.result?.type === 'data' ? message.result.data?.json?.data : undefined;
      if (change?.table === 'documents' && change.row) this.frames.push({ at, row: change.row });
    });
  }

  static async open(wsUrl: string, origin: string, cookie: string): Promise<Listener> {
    const socket = new WebSocket(wsUrl, { headers: { cookie }, origin });
    own({ release: () => socket.terminate() });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('WebSocket did not open within 10 s')),
        10_000,
      );
      socket.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const listener = new Listener(socket);
    socket.send(SUBSCRIBE_CHANGES);
    const deadline = performance.now() + 10_000;
    while (!listener.started && performance.now() < deadline) await sleep(5);
    if (!listener.started) throw new Error('the subscription did not start within 10 s');
    return listener;
  }

  /** Waits for a frame after index `from` matching `match`; its time, or NaN on timeout. */
  async waitFor(
    from: number,
    match: (row: DocumentRow) => boolean,
    timeoutMs: number,
  ): Promise<DocFrame | null> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.slice(from).find((f) => match(f.row));
      if (frame) return frame;
      if (performance.now() > deadline) return null;
      await sleep(2);
    }
  }

  close(): void {
    this.socket.close();
  }
}
