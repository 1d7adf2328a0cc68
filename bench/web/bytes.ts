// Bytes the web benchmark counts outside the browser: a URL's body as sent in a given
// encoding, what the board's HTML is made of, and the whole client build's scripts.
import { request } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

const immutableDir = fileURLToPath(
  new URL('../../apps/web/build/client/_app/immutable', import.meta.url),
);

/** GET `url` asking for `encoding`; the raw body bytes as sent (not decoded). */
export function rawSize(
  url: string,
  encoding: string,
  cookie?: string,
): Promise<{ bytes: number; encoding: string; status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': encoding };
    if (cookie) headers.cookie = cookie;
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          bytes: body.length,
          encoding: String(res.headers['content-encoding'] ?? 'none'),
          status: res.statusCode ?? 0,
          body,
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** A body fetched by rawSize as text, decoded from gzip or br. */
export function decoded(response: { encoding: string; body: Buffer }): string {
  if (response.encoding === 'gzip') return gunzipSync(response.body).toString('utf8');
  if (response.encoding === 'br') return brotliDecompressSync(response.body).toString('utf8');
  return response.body.toString('utf8');
}

/** What the board's HTML is made of (bytes of UTF-8). */
export function htmlParts(html: string) {
  const bytes = (text: string) => Buffer.byteLength(text);
  const total = bytes(html);
  const sumOf = (pattern: RegExp) =>
    [...html.matchAll(pattern)].reduce((t, m) => t + bytes(m[0]), 0);
  return {
    total,
    gzip: gzipSync(html).length,
    scripts: sumOf(/<script\b[\s\S]*?<\/script>/g),
    svg: sumOf(/<svg\b[\s\S]*?<\/svg>/g),
    comments: sumOf(/<!--[\s\S]*?-->/g),
    cards: (html.match(/data-testid="board-card"/g) ?? []).length,
  };
}

/** Every .js file of the client build, as a baseline (identity and gzip -9 sizes). */
export function buildJsTotals(): { files: number; bytes: number; gzip: number } {
  let files = 0;
  let bytes = 0;
  let gzip = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) {
        const content = readFileSync(path);
        files += 1;
        bytes += content.length;
        gzip += gzipSync(content, { level: 9 }).length;
      }
    }
  };
  walk(immutableDir);
  return { files, bytes, gzip };
}

export interface ScriptSizes {
  /** Raw body bytes of every script asked for with gzip, br, and neither. */
  gzip: number;
  br: number;
  identity: number;
  /** The content-encodings the server answered with. */
  gzipServed: Set<string>;
  brServed: Set<string>;
  /** Each script's gzip size, by its path below /_app/immutable/. */
  perFile: { path: string; gzip: number }[];
}

/** The same scripts the browser loaded, fetched from here asking for one encoding at a time. */
export async function scriptSizes(urls: readonly string[]): Promise<ScriptSizes> {
  const sizes: ScriptSizes = {
    gzip: 0,
    br: 0,
    identity: 0,
    gzipServed: new Set(),
    brServed: new Set(),
    perFile: [],
  };
  for (const url of urls) {
    const gz = await rawSize(url, 'gzip');
    const br = await rawSize(url, 'br');
    const plain = await rawSize(url, 'identity');
    sizes.gzip += gz.bytes;
    sizes.perFile.push({
      path: new URL(url).pathname.replace('/_app/immutable/', ''),
      gzip: gz.bytes,
    });
    sizes.br += br.bytes;
    sizes.identity += plain.bytes;
    sizes.gzipServed.add(gz.encoding);
    sizes.brServed.add(br.encoding);
  }
  return sizes;
}
