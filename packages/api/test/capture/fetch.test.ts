// The capture fetch never reaches inside the server's network (issue 14):
// the address classifier on a table, and real fetches from a local HTTP
// server that CAPTURE_ALLOW_HOSTS lets through, while everything else is
// refused with a sentence.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, parseAllowHosts, refusedAddressReason } from '../../src/capture/fetch';

describe('refusedAddressReason', () => {
  const refused = [
    '127.0.0.1',
    '127.8.9.10',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::127.0.0.1',
    '10.0.0.8',
    '172.16.5.4',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    'fe80::1',
    'fd00::1',
    'fc00::abcd',
    '0.0.0.0',
    '::',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '192.0.2.1',
    '198.18.0.1',
    '240.0.0.1',
    '2001:db8::1',
    '64:ff9b::a00:1',
    '64:ff9b::7f00:1',
    '64:ff9b:1::1',
    '2002:7f00:1::1',
    '2001::1',
    '::ffff:169.254.169.254',
    'not an address',
  ];
  const allowed = [
    '8.8.8.8',
    '93.184.216.34',
    '2606:4700::1111',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '::ffff:1.1.1.1',
  ];

  it.each(refused)('refuses %s', (address) => {
    expect(refusedAddressReason(address)).not.toBeNull();
  });
  it.each(allowed)('allows %s', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });
  it('names the kind of address', () => {
    expect(refusedAddressReason('169.254.169.254')).toMatch(/link-local/);
    expect(refusedAddressReason('::ffff:127.0.0.1')).toMatch(/loopback/);
    expect(refusedAddressReason('100.64.0.1')).toMatch(/carrier-grade NAT/);
  });
});

describe('parseAllowHosts', () => {
  it('reads host and host:port entries', () => {
    expect(parseAllowHosts(' Intranet.example , 127.0.0.1:4100,,')).toEqual([
      'intranet.example',
      '127.0.0.1:4100',
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
  });
});

const posting = readFileSync(
  new URL('../fixtures/capture/greenhouse.html', import.meta.url),
  'utf8',
);

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('fetchPage', () => {
  let server: Server;
  let other: Server;
  let port: number;
  let otherPort: number;
  let allowHosts: string[];
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<h1>Internal admin</h1>');
    });
    otherPort = await listen(other);
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/job') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(posting);
      } else if (path === '/latin1') {
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
        res.end(Buffer.from('<h1>Caf\xe9 manager</h1>', 'latin1'));
      } else if (path.startsWith('/hop/')) {
        const n = Number(path.slice(5));
        res.writeHead(302, { location: n <= 1 ? '/job' : `/hop/${n - 1}` });
        res.end();
      } else if (path === '/to-internal') {
        res.writeHead(301, { location: `http://127.0.0.1:${otherPort}/admin` });
        res.end();
      } else if (path === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
      } else if (path === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
        let sent = 0;
        const write = () => {
          while (sent < 40) {
            sent += 1;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        write();
      } else if (path === '/big-declared') {
        res.writeHead(200, {
          'content-type': 'text/html',
          'content-length': String(3 * 1024 * 1024),
        });
        res.end('<p>short</p>');
      } else if (path === '/pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end('%PDF-1.7');
      } else if (path === '/json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      } else if (path === '/slow') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<p>');
        // never ends
      } else if (path === '/missing') {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('gone');
      } else {
        res.writeHead(500);
        res.end();
      }
    });
    port = await listen(server);
    allowHosts = parseAllowHosts(`127.0.0.1:${port}`);
  });

  afterAll(async () => {
    server.closeAllConnections();
    other.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => other.close(r));
  });

  const refusal = async (url: string, options: Parameters<typeof fetchPage>[1] = {}) => {
    try {
      await fetchPage(url, { allowHosts, ...options });
    } catch (error) {
      return error as { code: string; message: string };
    }
    throw new Error(`${url} was fetched`);
  };

  it('fetches a page from an allowed host', async () => {
    const page = await fetchPage(`${base()}/job`, { allowHosts });
    expect(page.url).toBe(`${base()}/job`);
    expect(page.html).toContain('Senior Backend Engineer');
  });

  it('decodes the charset the page declares', async () => {
    const page = await fetchPage(`${base()}/latin1`, { allowHosts });
    expect(page.html).toContain('Café manager');
  });

  it('follows up to three redirects, each checked', async () => {
    const page = await fetchPage(`${base()}/hop/3`, { allowHosts });
    expect(page.url).toBe(`${base()}/job`);
  });

  it('refuses a fourth redirect', async () => {
    const error = await refusal(`${base()}/hop/4`);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(
      'The page redirected more than 3 times; paste the final address instead.',
    );
  });

  it('refuses loopback other than the allowed host:port', async () => {
    const error = await refusal(`http://127.0.0.1:${otherPort}/admin`);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(
      /private or special networks: 127\.0\.0\.1 is a loopback address/,
    );
    expect((await refusal(`http://localhost:${port}/job`)).message).toMatch(/loopback/);
    expect((await refusal(`http://[::1]:${port}/job`)).message).toMatch(/loopback/);
    expect((await refusal(`http://2130706433:${otherPort}/admin`)).message).toMatch(/loopback/);
  });

  it('refuses a redirect from an allowed host to a refused one', async () => {
    const error = await refusal(`${base()}/to-internal`);
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect((await refusal(`${base()}/to-file`)).message).toMatch(/not file: addresses/);
  });

  it('refuses addresses that are not http or https', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/job',
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      const error = await refusal(url);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(
        /^Pursuit only fetches http:\/\/ and https:\/\/ pages, not \w+: addresses\.$/,
      );
    }
    expect((await refusal('not a url')).message).toMatch(/not a URL Pursuit can read/);
    expect((await refusal(`http://user:secret@127.0.0.1:${port}/job`)).message).toMatch(
      /user name and password/,
    );
  });

  it('refuses a host whose name resolves to a private address (checked before connecting)', async () => {
    const resolve = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ]);
    const error = await refusal('https://jobs.example.com/posting', { resolve, allowHosts: [] });
    expect(error.message).toBe(
      'Pursuit does not fetch pages from private or special networks: jobs.example.com is at 10.1.2.3, a private network address.',
    );
  });

  it('refuses an unusual port on a public host', async () => {
    const resolve = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);
    const error = await refusal('http://jobs.example.com:6379/', { resolve, allowHosts: [] });
    expect(error.message).toMatch(/usual web ports .* not port 6379/);
  });

  it('refuses a page larger than 2 MB, streamed or declared', async () => {
    expect((await refusal(`${base()}/big`)).message).toBe(
      "The page is larger than 2 MB; paste the posting's text instead.",
    );
    expect((await refusal(`${base()}/big-declared`)).message).toMatch(/larger than 2 MB/);
  });

  it('refuses what is not HTML', async () => {
    expect((await refusal(`${base()}/pdf`)).message).toBe(
      'That address is not a web page (it is application/pdf); Pursuit reads HTML pages only.',
    );
    expect((await refusal(`${base()}/json`)).message).toMatch(/application\/json/);
  });

  it('says when the page answers with an error', async () => {
    expect((await refusal(`${base()}/missing`)).message).toMatch(/HTTP 404/);
  });

  it('gives up after the time limit', async () => {
    const started = Date.now();
    const error = await refusal(`${base()}/slow`, { timeoutMs: 300 });
    expect(error.message).toBe(
      'The page took longer than 0.3 seconds to load; try again, or paste its HTML instead.',
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
