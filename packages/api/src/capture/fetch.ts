// Fetches a job posting's page for capture.fromUrl without letting a URL reach
// inside the server's network (SSRF): http(s) only, every address the host
// resolves to must be public (ipaddr.js ranges), and the connection goes to the
// address that was checked — undici's connect `lookup` is pinned to it, so a
// second DNS answer (rebinding) is never used. Redirects are followed by hand,
// each hop checked again; size, time and content type are bounded.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { TRPCError } from '@trpc/server';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';

export interface FetchPageOptions {
  /** CAPTURE_ALLOW_HOSTS: host or host:port entries fetched even on private addresses. */
  allowHosts?: readonly string[];
  /** Whole fetch, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Largest body read (default 2 MB). */
  maxBytes?: number;
  /** Redirects followed (default 3). */
  maxRedirects?: number;
  /** Resolves a host name (tests stand in a resolver that answers private addresses). */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface FetchedPage {
  /** Where the page was finally read from, after redirects. */
  url: string;
  html: string;
}

export const FETCH_LIMITS = {
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
} as const;

/** Ports a page may be fetched from without an allow-list entry. */
const WEB_PORTS = new Set([80, 443, 8080, 8443]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (such as a cloud metadata service)',
  loopback: 'a loopback address (this server itself)',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private network address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  as112: 'a reserved (AS112) address',
  amt: 'a reserved (AMT) address',
  uniqueLocal: 'a private (unique local) IPv6 address',
  teredo: 'a Teredo tunnel address',
  discard: 'a discard-only address',
  deprecated: 'a deprecated address',
  orchid2: 'a reserved (ORCHID) address',
  droneRemoteIdProtocolEntityTags: 'a reserved address',
  as112v6: 'a reserved (AS112) address',
  rfc6145: 'an IPv4-translated address',
};

function describeRange(range: string): string {
  return RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
}

function v4FromBits(bytes: number[]): ipaddr.IPv4 {
  return new ipaddr.IPv4(bytes);
}

/**
 * Why Pursuit must not connect to `address` ("a loopback address (this server
 * itself)"), or null for a public unicast address. IPv6 forms that carry an
 * IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
export function refusedAddressReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return 'an address Pursuit cannot read';
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const bytes = v6.toByteArray();
    const range = v6.range();
    if (v6.isIPv4MappedAddress()) return refusedAddressReason(v6.toIPv4Address().toString());
    if (range === 'ipv4Mapped' || bytes.slice(0, 12).every((b) => b === 0)) {
      // ::a.b.c.d (IPv4-compatible, deprecated) and :: / ::1 themselves.
      if (range === 'unspecified' || range === 'loopback') return describeRange(range);
      const inner = refusedAddressReason(v4FromBits(bytes.slice(12)).toString());
      return inner ?? 'a deprecated IPv4-compatible IPv6 address';
    }
    if (range === 'rfc6052') {
      // 64:ff9b::/96 carries a public IPv4 address through NAT64; the local-use
      // 64:ff9b:1::/48 belongs to the operator's network.
      const wellKnown = bytes.slice(0, 12).join(',') === '0,100,255,155,0,0,0,0,0,0,0,0';
      if (!wellKnown) return 'a local NAT64 address';
      const inner = refusedAddressReason(v4FromBits(bytes.slice(12)).toString());
      return inner ? `a NAT64 address of ${inner}` : null;
    }
    if (range === '6to4') {
      const inner = refusedAddressReason(v4FromBits(bytes.slice(2, 6)).toString());
      return inner ? `a 6to4 address of ${inner}` : null;
    }
    return range === 'unicast' ? null : describeRange(range);
  }
  const range = parsed.range();
  return range === 'unicast' ? null : describeRange(range);
}

/** CAPTURE_ALLOW_HOSTS entries, lower-cased: "intranet.example", "127.0.0.1:4100", "[::1]:8080". */
export function parseAllowHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function isAllowed(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const withPort = `${host}:${defaultPort(url)}`;
  return allowHosts.some((entry) => entry === host || entry === withPort);
}

function refuse(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message });
}

/** The URL as Pursuit will fetch it, or a refusal saying why not. */
export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse(
      'That is not a URL Pursuit can read. Paste the full address, starting with https://.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse(
      `Pursuit only fetches http:// and https:// pages, not ${url.protocol.replace(/:$/, '')}: addresses.`,
    );
  }
  if (url.username || url.password) {
    throw refuse('Remove the user name and password from the URL; Pursuit does not send them.');
  }
  return url;
}

interface Pinned {
  address: string;
  family: number;
}

async function pinAddress(url: URL, options: FetchPageOptions): Promise<Pinned> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = isAllowed(url, options.allowHosts ?? []);
  let addresses: LookupAddress[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }]
      : await (options.resolve ?? ((h) => dnsLookup(h, { all: true, verbatim: true })))(host);
  } catch {
    throw refuse(`Pursuit could not find the site ${host}: check the address.`);
  }
  if (addresses.length === 0) throw refuse(`Pursuit could not find the site ${host}.`);
  if (!allowed) {
    for (const { address } of addresses) {
      const reason = refusedAddressReason(address);
      if (reason) {
        throw refuse(
          `Pursuit does not fetch pages from private or special networks: ${host} is ${address === host ? '' : `at ${address}, `}${reason}.`,
        );
      }
    }
    if (!WEB_PORTS.has(defaultPort(url))) {
      throw refuse(
        `Pursuit only fetches pages on the usual web ports (80, 443, 8080, 8443), not port ${defaultPort(url)}.`,
      );
    }
  }
  return addresses[0]!;
}

/** An agent whose every connection goes to `pinned`, whatever name the URL has (TLS still checks that name). */
function pinnedAgent(pinned: Pinned): Agent {
  return new Agent({
    connect: {
      lookup(_hostname, options, callback) {
        if ((options as { all?: boolean }).all) {
          (callback as (e: null, a: LookupAddress[]) => void)(null, [pinned]);
        } else {
          (callback as (e: null, a: string, f: number) => void)(
            null,
            pinned.address,
            pinned.family,
          );
        }
      },
    },
  });
}

function contentTypeOf(header: string | string[] | undefined): { type: string; charset: string } {
  const value = (Array.isArray(header) ? header[0] : header) ?? '';
  const [type = '', ...params] = value.split(';').map((p) => p.trim());
  const charset = params
    .map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { type: type.toLowerCase(), charset: charset ?? 'utf-8' };
}

function decode(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

/** Fetches the page at `rawUrl` under every rule above; refusals are BAD_REQUEST with a sentence. */
export async function fetchPage(
  rawUrl: string,
  options: FetchPageOptions = {},
): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? FETCH_LIMITS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_LIMITS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_LIMITS.maxRedirects;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seconds = `${(timeoutMs / 1000).toLocaleString('en')} second${timeoutMs === 1000 ? '' : 's'}`;
  const timedOut = () =>
    refuse(`The page took longer than ${seconds} to load; try again, or paste its HTML instead.`);
  const agents: Agent[] = [];
  const abort = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(timedOut()), { once: true }),
  );
  abort.catch(() => undefined);
  try {
    let url = checkUrl(rawUrl);
    for (let hop = 0; ; hop += 1) {
      const pinned = await Promise.race([pinAddress(url, options), abort]);
      const agent = pinnedAgent(pinned);
      agents.push(agent);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          method: 'GET',
          dispatcher: agent,
          signal: controller.signal,
          headers: {
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
            'user-agent': 'Pursuit job tracker (capture a posting)',
          },
        });
      } catch (error) {
        if (controller.signal.aborted) throw timedOut();
        const code = (error as { code?: string }).code ?? 'error';
        throw refuse(
          `Pursuit could not reach ${url.host} (${code}); check the address or paste the page's HTML.`,
        );
      }
      if (REDIRECTS.has(response.statusCode)) {
        await response.body.dump().catch(() => undefined);
        const location = response.headers.location;
        const target = Array.isArray(location) ? location[0] : location;
        if (!target)
          throw refuse(`${url.host} answered with a redirect that does not say where to.`);
        if (hop >= maxRedirects) {
          throw refuse(
            `The page redirected more than ${maxRedirects} times; paste the final address instead.`,
          );
        }
        let next: string;
        try {
          next = new URL(target, url).href;
        } catch {
          throw refuse(`${url.host} redirected to an address Pursuit cannot read.`);
        }
        url = checkUrl(next);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump().catch(() => undefined);
        throw refuse(
          `The page answered with HTTP ${response.statusCode}; check that the address opens in your browser.`,
        );
      }
      const { type, charset } = contentTypeOf(response.headers['content-type']);
      if (!HTML_TYPES.has(type)) {
        await response.body.dump().catch(() => undefined);
        throw refuse(
          `That address is not a web page (it is ${type === '' ? 'of no stated type' : type}); Pursuit reads HTML pages only.`,
        );
      }
      const tooLarge = () =>
        refuse(`The page is larger than ${megabytes(maxBytes)}; paste the posting's text instead.`);
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.body.destroy();
        throw tooLarge();
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of response.body) {
          size += (chunk as Buffer).length;
          if (size > maxBytes) {
            response.body.destroy();
            throw tooLarge();
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        if (error instanceof TRPCError) throw error;
        if (controller.signal.aborted) throw timedOut();
        throw refuse(`The page from ${url.host} broke off while loading; try again.`);
      }
      return { url: url.href, html: decode(Buffer.concat(chunks), charset) };
    }
  } finally {
    clearTimeout(timer);
    for (const agent of agents) void agent.destroy().catch(() => undefined);
  }
}
