// TRUST_PROXY: when X-Forwarded-For may name the client, by proxy-addr's rules
// (the same as Express's "trust proxy"). Off by default: the socket peer is the client.
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which peers may name the client in X-Forwarded-For (TRUST_PROXY), as
 * proxy-addr asks: the address of a hop and its distance from the socket.
 */
export type TrustProxy = (address: string, hop: number) => boolean;

/** TRUST_PROXY unset: the socket peer is the client, X-Forwarded-For is ignored. */
export const trustNoProxy: TrustProxy = () => false;

/**
 * TRUST_PROXY: empty/off for none; a number of proxy hops in front of the
 * server; or a comma-separated list of addresses, CIDRs and proxy-addr's names
 * (loopback, linklocal, uniquelocal).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'off' || setting === 'false' || setting === '0') {
    return trustNoProxy;
  }
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  const list = setting
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  try {
    return proxyaddr.compile(list);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY must be a number of hops or addresses/CIDRs like 10.0.0.0/8,loopback, got ${setting}: ${(error as Error).message}`,
    );
  }
}

/**
 * The address a request came from: the socket peer, or, when that peer is a
 * trusted proxy, the nearest address in X-Forwarded-For it vouches for.
 */
export function clientIp(req: IncomingMessage, trust: TrustProxy = trustNoProxy): string | null {
  if (!req.socket.remoteAddress) return null;
  return proxyaddr(req, trust) || null;
}
