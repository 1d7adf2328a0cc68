// One process of `pnpm bench:sockets`'s load: holds thousands of tRPC
// WebSocket clients, each with sync.changes started, from one loopback source
// address (one address has ~28,000 ephemeral ports towards one server port,
// and one process only as many sockets as its open-file limit), and counts
// what each socket receives. Driven by bench/sockets.ts over IPC.
import WebSocket from 'ws';
import { SUBSCRIBE_CHANGES } from '../lib/trpc';
import type { GeneratorReply, GeneratorRequest, SocketSpec } from './protocol';

const notesInFrame = /"notes":"b(\d+)"/;
/** A 503 (the server could not check the session in time) is retried, as the web app does. */
const RETRIES = 5;
const RETRY_MS = 1_000;

interface Client {
  ws: WebSocket;
  user: number;
  /** Data frames carrying this socket's user's write. */
  own: number;
}

const clients: Client[] = [];
let started = 0;
let failed = 0;
let retried = 0;
let wrongUser = 0;
let closedAfterStart = 0;
let closing = false;
const failures: string[] = [];

function send(reply: GeneratorReply): void {
  process.send?.(reply);
}

async function openOne(
  spec: SocketSpec,
  wsUrl: string,
  origin: string,
  localAddress: string,
  timeoutMs: number,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await tryOpen(spec, wsUrl, origin, localAddress, timeoutMs);
    if (outcome === 'ok') {
      started += 1;
      return;
    }
    if (outcome !== 'upgrade refused: 503' || attempt >= RETRIES) {
      failed += 1;
      if (failures.length < 5) failures.push(outcome);
      return;
    }
    retried += 1;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * (attempt + 1)));
  }
}

function tryOpen(
  spec: SocketSpec,
  wsUrl: string,
  origin: string,
  localAddress: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise<string>((resolve) => {
    const ws = new WebSocket(wsUrl, {
      headers: { cookie: spec.cookie },
      origin,
      localAddress,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    const client: Client = { ws, user: spec.user, own: 0 };
    let settled = false;
    let subscribed = false;
    const settle = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (failure) {
        ws.terminate();
        resolve(failure);
      } else {
        subscribed = true;
        clients.push(client);
        resolve('ok');
      }
    };
    const timer = setTimeout(() => settle('timed out opening or subscribing'), timeoutMs);
    ws.once('unexpected-response', (_req, res) => settle(`upgrade refused: ${res.statusCode}`));
    ws.once('error', (error) => settle(`socket error: ${error.message}`));
    ws.once('open', () => ws.send(SUBSCRIBE_CHANGES));
    ws.on('close', () => {
      if (subscribed && !closing) closedAfterStart += 1;
      settle('closed before the subscription started');
    });
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text === 'PING') {
        ws.send('PONG');
        return;
      }
      const match = notesInFrame.exec(text);
      if (match) {
        if (Number(match[1]) === spec.user) client.own += 1;
        else wrongUser += 1;
        return;
      }
      if (text.includes('"type":"started"')) settle();
      else if (text.includes('"error"')) settle(`error frame: ${text.slice(0, 200)}`);
    });
  });
}

process.on('message', (message: GeneratorRequest) => {
  if (message.type === 'open') {
    const { specs, batch, wsUrl, origin, localAddress, timeoutMs } = message;
    void (async () => {
      for (let i = 0; i < specs.length && !closing; i += batch) {
        await Promise.all(
          specs.slice(i, i + batch).map((s) => openOne(s, wsUrl, origin, localAddress, timeoutMs)),
        );
      }
      send({ type: 'opened', started, failed, retried, failures });
    })();
  } else if (message.type === 'tally') {
    let received = 0;
    let duplicates = 0;
    for (const c of clients) {
      if (c.own > 0) received += 1;
      duplicates += Math.max(0, c.own - 1);
    }
    send({
      type: 'tally',
      sockets: clients.length,
      received,
      duplicates,
      wrongUser,
      closedAfterStart,
    });
  } else if (message.type === 'close') {
    closing = true;
    for (const c of clients) c.ws.terminate();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
