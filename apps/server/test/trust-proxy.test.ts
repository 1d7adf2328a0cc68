// Issue 10: clientIp under each TRUST_PROXY setting (proxy-addr semantics).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { clientIp, parseTrustProxy } from '../src/trust-proxy';

/** A request as Node hands it over: the socket peer and the headers. */
function request(peer: string | undefined, forwardedFor?: string): IncomingMessage {
  const socket = { remoteAddress: peer };
  return {
    socket,
    connection: socket,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

const CHAIN = '198.51.100.7, 10.0.0.2, 10.0.0.3';

describe('issue 10: clientIp with TRUST_PROXY', () => {
  it('unset, empty or off: the socket peer, whatever X-Forwarded-For says', () => {
    for (const setting of [undefined, '', 'off', 'false', '0']) {
      expect(clientIp(request('10.0.0.4', CHAIN), parseTrustProxy(setting)), String(setting)).toBe(
        '10.0.0.4',
      );
    }
    expect(clientIp(request('10.0.0.4', CHAIN))).toBe('10.0.0.4');
  });

  it('a number of hops: that many proxies, counted from the socket, are trusted', () => {
    expect(clientIp(request('10.0.0.4', CHAIN), parseTrustProxy('1'))).toBe('10.0.0.3');
    expect(clientIp(request('10.0.0.4', CHAIN), parseTrustProxy('2'))).toBe('10.0.0.2');
    expect(clientIp(request('10.0.0.4', CHAIN), parseTrustProxy('3'))).toBe('198.51.100.7');
    // More hops than the chain: the furthest address given.
    expect(clientIp(request('10.0.0.4', CHAIN), parseTrustProxy('9'))).toBe('198.51.100.7');
    // No header: the peer.
    expect(clientIp(request('10.0.0.4'), parseTrustProxy('2'))).toBe('10.0.0.4');
  });

  it('addresses and CIDRs: walks back while each hop is trusted', () => {
    const trust = parseTrustProxy('10.0.0.0/8');
    expect(clientIp(request('10.0.0.4', CHAIN), trust)).toBe('198.51.100.7');
    // A client in the chain that is not a proxy stops the walk, so it cannot forge what lies before it.
    expect(clientIp(request('10.0.0.4', '192.0.2.1, 198.51.100.7'), trust)).toBe('198.51.100.7');
    // The peer is not trusted: its header is ignored.
    expect(clientIp(request('203.0.113.9', CHAIN), trust)).toBe('203.0.113.9');
    const list = parseTrustProxy('10.0.0.4, 10.0.0.3');
    expect(clientIp(request('10.0.0.4', CHAIN), list)).toBe('10.0.0.2');
  });

  it("proxy-addr's names: loopback, uniquelocal", () => {
    expect(clientIp(request('127.0.0.1', '198.51.100.7'), parseTrustProxy('loopback'))).toBe(
      '198.51.100.7',
    );
    expect(clientIp(request('::1', '198.51.100.7'), parseTrustProxy('loopback'))).toBe(
      '198.51.100.7',
    );
    expect(clientIp(request('10.0.0.4', CHAIN), parseTrustProxy('loopback,uniquelocal'))).toBe(
      '198.51.100.7',
    );
  });

  it('a socket already closed has no address', () => {
    expect(clientIp(request(undefined, CHAIN), parseTrustProxy('1'))).toBeNull();
  });

  it('a setting that is neither hops nor addresses stops start-up with a message', () => {
    expect(() => readEnv({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY must be/);
    expect(() => readEnv({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY must be/);
    expect(
      clientIp(request('127.0.0.1', '198.51.100.7'), readEnv({ TRUST_PROXY: '1' }).trustProxy),
    ).toBe('198.51.100.7');
  });
});
