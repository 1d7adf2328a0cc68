// The bookmarklet's payload survives the trip through the URL fragment, and
// the page rebuilt from it cannot be broken out of by what the job page sent.
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bookmarkletCode, bookmarkletHref, type CapturePayload } from './bookmarklet';
import { decodePayload, payloadToHtml } from './payload';

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function deflated(payload: CapturePayload): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `#z${base64url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

const payload: CapturePayload = {
  v: 1,
  u: 'https://jobs.example/42',
  t: 'Baker – Café “Crème” </title><script>alert(1)</script>',
  j: [
    '{"@type":"JobPosting","title":"Baker","description":"</script><img src=x onerror=alert(1)>"}',
  ],
  m: { 'og:title': 'Baker" onload="alert(1)', description: 'Bread & cake' },
  h1: 'Baker <b>now</b>',
};

describe('decodePayload', () => {
  it('reads a deflated and a plain fragment', async () => {
    expect(await decodePayload(await deflated(payload))).toMatchObject(payload);
    const plain = `#j${base64url(new TextEncoder().encode(JSON.stringify(payload)))}`;
    expect(await decodePayload(plain)).toMatchObject(payload);
  });

  it('ignores fragments that are not a payload', async () => {
    expect(await decodePayload('')).toBeNull();
    expect(await decodePayload('#section-2')).toBeNull();
    expect(await decodePayload(`#j${base64url(new TextEncoder().encode('{"v":2}'))}`)).toBeNull();
  });
});

describe('payloadToHtml', () => {
  it('escapes every value so the page keeps its shape', () => {
    const html = payloadToHtml(payload);
    expect(html).toContain(
      '<title>Baker – Café “Crème” &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>',
    );
    expect(html).toContain('content="Baker&quot; onload=&quot;alert(1)"');
    expect(html).toContain('"description":"<\\/script><img src=x onerror=alert(1)>"');
    expect(html).toContain('<h1>Baker &lt;b&gt;now&lt;/b&gt;</h1>');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});

describe('the bookmarklet', () => {
  it('is a javascript: address carrying the origin', () => {
    const href = bookmarkletHref('https://pursuit.example');
    expect(href.startsWith('javascript:')).toBe(true);
    expect(decodeURIComponent(href.slice('javascript:'.length))).toBe(
      bookmarkletCode('https://pursuit.example'),
    );
    expect(bookmarkletCode('https://pursuit.example')).toContain('"https://pursuit.example"');
    // The code parses as a script.
    expect(() => new Script(bookmarkletCode('https://pursuit.example'))).not.toThrow();
  });
});
