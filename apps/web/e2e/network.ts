// A phone's network that a test can cut, for the offline browser tests.
//
// Chromium's offline emulation (context.setOffline) sets navigator.onLine and
// fails most requests, but not all of them: a request made by a page that the
// service worker passed on, just after a reload, sometimes reached the server
// while the context was "offline" (the offline test caught a queued move
// arriving on the server with the phone still offline, and Playwright never
// reported the request). A tunnel cuts every connection, so the tests do too:
// the phone's context goes through this SOCKS5 proxy, and going offline both
// emulates it (navigator.onLine, the `offline` event) and closes every
// connection the proxy holds, refusing new ones until the phone is back.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { BrowserContext } from 'playwright-core';

export interface PhoneNetwork {
  /** For browser.newContext({ proxy }). */
  proxy: { server: string };
  /** Connections tunnelled so far (a test can check the phone really uses this network). */
  readonly tunnelled: number;
  /** navigator.onLine goes false and every connection is cut and refused. */
  goOffline(context: BrowserContext): Promise<void>;
  goOnline(context: BrowserContext): Promise<void>;
  close(): Promise<void>;
}

/** SOCKS5 reply codes (RFC 1928 §6). */
const SUCCEEDED = 0x00;
const NETWORK_UNREACHABLE = 0x03;
const HOST_UNREACHABLE = 0x04;
const COMMAND_NOT_SUPPORTED = 0x07;
const ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

export async function phoneNetwork(): Promise<PhoneNetwork> {
  let offline = false;
  let tunnelled = 0;
  const open = new Set<Socket>();

  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    handshake(
      client,
      () => offline,
      open,
      () => tunnelled++,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the phone proxy has no port');

  return {
    proxy: { server: `socks5://127.0.0.1:${address.port}` },
    get tunnelled() {
      return tunnelled;
    },
    async goOffline(context) {
      offline = true;
      await context.setOffline(true);
      for (const socket of open) socket.destroy();
    },
    async goOnline(context) {
      offline = false;
      await context.setOffline(false);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One client: greeting, CONNECT request, then a plain TCP tunnel. */
function handshake(
  client: Socket,
  isOffline: () => boolean,
  open: Set<Socket>,
  tunnelled: () => void,
): void {
  let buffered = Buffer.alloc(0);
  let stage: 'greeting' | 'request' = 'greeting';

  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (stage === 'greeting') {
      // VER, NMETHODS, METHODS...: answer "no authentication".
      if (buffered.length < 2 || buffered.length < 2 + buffered[1]!) return;
      buffered = buffered.subarray(2 + buffered[1]!);
      client.write(Buffer.from([0x05, 0x00]));
      stage = 'request';
    }
    const request = parseRequest(buffered);
    if (!request) return;
    client.off('data', onData);
    const reply = (code: number) => Buffer.from([0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
    if (request.host === '') {
      client.end(reply(ADDRESS_TYPE_NOT_SUPPORTED));
      return;
    }
    if (request.command !== 0x01) {
      client.end(reply(COMMAND_NOT_SUPPORTED));
      return;
    }
    if (isOffline()) {
      client.end(reply(NETWORK_UNREACHABLE));
      return;
    }
    const upstream = connect(request.port, request.host);
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('error', () => {
      if (upstream.connecting) client.end(reply(HOST_UNREACHABLE));
      upstream.destroy();
    });
    upstream.on('connect', () => {
      tunnelled();
      client.write(reply(SUCCEEDED));
      const rest = buffered.subarray(request.length);
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  };
  client.on('data', onData);
}

/** VER CMD RSV ATYP DST.ADDR DST.PORT, or null until all of it has arrived. */
function parseRequest(
  bytes: Buffer,
): { command: number; host: string; port: number; length: number } | null {
  if (bytes.length < 5) return null;
  const type = bytes[3];
  let host: string;
  let end: number;
  if (type === 0x01) {
    end = 4 + 4;
    if (bytes.length < end + 2) return null;
    host = [...bytes.subarray(4, end)].join('.');
  } else if (type === 0x03) {
    end = 5 + bytes[4]!;
    if (bytes.length < end + 2) return null;
    host = bytes.subarray(5, end).toString('latin1');
  } else if (type === 0x04) {
    end = 4 + 16;
    if (bytes.length < end + 2) return null;
    const words: string[] = [];
    for (let i = 4; i < end; i += 2) words.push(bytes.readUInt16BE(i).toString(16));
    host = words.join(':');
  } else {
    return { command: bytes[1]!, host: '', port: 0, length: bytes.length };
  }
  return { command: bytes[1]!, host, port: bytes.readUInt16BE(end), length: end + 2 };
}
