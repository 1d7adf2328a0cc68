import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import {
  securityHeaders,
  securityHeadersHandle,
  withSocketSource,
} from './security-headers.server';

const POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:";

describe('issue 10: security headers on every page', () => {
  it('asks for HTTPS from now on (HSTS) when the origin is https', () => {
    expect(securityHeaders(new URL('https://pursuit.example.com'))).toMatchObject({
      'strict-transport-security': 'max-age=31536000',
    });
  });

  it('sends no HSTS when the origin is plain http', () => {
    const headers = securityHeaders(new URL('http://localhost:3000'));
    expect(headers).not.toHaveProperty('strict-transport-security');
  });

  it('never lets a response be sniffed, framed or send its address elsewhere', () => {
    for (const origin of ['http://localhost:3000', 'https://pursuit.example.com']) {
      expect(securityHeaders(new URL(origin))).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'x-frame-options': 'DENY',
      });
    }
  });

  it("adds the app's own WebSocket origin to connect-src, ws for http and wss for https", () => {
    expect(withSocketSource(POLICY, new URL('http://localhost:3000'))).toBe(
      "default-src 'self'; connect-src 'self' ws://localhost:3000; img-src 'self' data:",
    );
    expect(withSocketSource(POLICY, new URL('https://pursuit.example.com/board'))).toBe(
      "default-src 'self'; connect-src 'self' wss://pursuit.example.com; img-src 'self' data:",
    );
  });

  it("allows Vite's hot-reload socket on its own port only in development", () => {
    expect(withSocketSource(POLICY, new URL('http://localhost:3000'), { dev: true })).toBe(
      "default-src 'self'; connect-src 'self' ws://localhost:3000 ws://localhost:*; img-src 'self' data:",
    );
  });

  it('leaves a policy without connect-src as it is', () => {
    expect(withSocketSource("default-src 'self'", new URL('http://localhost:3000'))).toBe(
      "default-src 'self'",
    );
  });

  it('sets the headers and completes the policy on the page response', async () => {
    const event = { url: new URL('https://pursuit.example.com/') } as RequestEvent;
    const response = await securityHeadersHandle({
      event,
      resolve: () =>
        Promise.resolve(
          new Response('<p>board</p>', {
            headers: { 'content-type': 'text/html', 'content-security-policy': POLICY },
          }),
        ),
    });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain(
      "connect-src 'self' wss://pursuit.example.com",
    );
  });
});
