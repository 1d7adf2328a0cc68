// The live benchmark's sockets: tRPC WebSocket clients at the protocol level, each
// subscribed to sync.changes, reporting the write sequence number in every data frame.
import WebSocket from 'ws';
import { SUBSCRIBE_CHANGES } from '../lib/trpc';

export interface SocketSpec {
  cookie: string;
  /** Index of the user the socket belongs to (for routing checks). */
  user: number;
}

const seqInFrame = /"notes":"b(\d+)"/;
const eventIdInFrame = /"id":"([0-9a-f]{16}-[0-9a-f]{16})"/;

/**
 * tRPC WebSocket clients at the protocol level: each opens with the session
 * cookie and the server's Origin, subscribes to sync.changes, answers PING,
 * and reports the write sequence number carried in each data frame.
 */
export class Fleet {
  readonly sockets: WebSocket[] = [];
  started = 0;
  failures: string[] = [];
  errorFrames = 0;
  firstErrorFrame: string | undefined;
  closedEarly = 0;
  private closing = false;

  constructor(
    private readonly wsUrl: string,
    private readonly origin: string,
    private readonly onSeq: (
      seq: number,
      user: number,
      at: number,
      eventId: string,
      socket: number,
    ) => void,
  ) {}

  /** Opens and subscribes `specs` in batches; never rejects (failures are counted). */
  async open(specs: readonly SocketSpec[], batchSize: number, timeoutMs: number): Promise<void> {
    for (let i = 0; i < specs.length && !this.closing; i += batchSize) {
      await Promise.all(specs.slice(i, i + batchSize).map((spec) => this.openOne(spec, timeoutMs)));
    }
  }

  private openOne(spec: SocketSpec, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const ws = new WebSocket(this.wsUrl, {
        headers: { cookie: spec.cookie },
        origin: this.origin,
        perMessageDeflate: false,
        handshakeTimeout: timeoutMs,
      });
      const index = this.sockets.length;
      this.sockets.push(ws);
      let settled = false;
      const settle = (failure?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure) {
          this.failures.push(failure);
          ws.terminate();
        }
        resolve();
      };
      const timer = setTimeout(() => settle('timed out opening or subscribing'), timeoutMs);
      ws.once('unexpected-response', (_req, res) => settle(`upgrade refused: ${res.statusCode}`));
      ws.once('error', (error) => settle(`socket error: ${error.message}`));
      ws.once('open', () => {
        ws.send(SUBSCRIBE_CHANGES);
      });
      ws.on('close', () => {
        if (!this.closing && settled) this.closedEarly += 1;
        settle('closed before the subscription started');
      });
      ws.on('message', (data: WebSocket.RawData) => {
        const at = performance.now();
        const text = Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
        if (text === 'PING') {
          ws.send('PONG');
          return;
        }
        const match = seqInFrame.exec(text);
        if (match) {
          this.onSeq(Number(match[1]), spec.user, at, eventIdInFrame.exec(text)?.[1] ?? '?', index);
          return;
        }
        if (text.includes('"type":"started"')) {
          this.started += 1;
          settle();
          return;
        }
        if (text.includes('"error"')) {
          this.errorFrames += 1;
          this.firstErrorFrame ??= text.slice(0, 300);
          settle(`error frame: ${text.slice(0, 200)}`);
        }
      });
    });
  }

  /** Ends every socket at once (no close handshake). */
  terminate(): void {
    this.closing = true;
    for (const ws of this.sockets) ws.terminate();
    this.sockets.length = 0;
  }
}
