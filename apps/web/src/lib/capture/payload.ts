// Reading what the bookmarklet sent (bookmarklet.ts) on the /capture page:
// the URL fragment decoded and inflated, checked for shape, and turned into a
// small HTML document for capture.fromHtml — every value escaped, so nothing
// the job page sent can change the document's structure beyond its own parts.
import type { CapturePayload } from './bookmarklet';

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The payload in a /capture fragment ("#z…" deflated, "#j…" plain), or null when it holds none. */
export async function decodePayload(fragment: string): Promise<CapturePayload | null> {
  const body = fragment.replace(/^#/, '');
  if (body.length < 2 || (body[0] !== 'z' && body[0] !== 'j')) return null;
  let bytes = fromBase64url(body.slice(1));
  if (body[0] === 'z') {
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  }
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (raw.v !== 1 || !isString(raw.u)) return null;
  const meta: Record<string, string> = {};
  if (typeof raw.m === 'object' && raw.m !== null) {
    for (const [key, content] of Object.entries(raw.m)) if (isString(content)) meta[key] = content;
  }
  return {
    v: 1,
    u: raw.u,
    t: isString(raw.t) ? raw.t : undefined,
    j: Array.isArray(raw.j) ? raw.j.filter(isString) : undefined,
    m: meta,
    h: isString(raw.h) ? raw.h : undefined,
    h1: isString(raw.h1) ? raw.h1 : undefined,
    c: isString(raw.c) ? raw.c : undefined,
    x: isString(raw.x) ? raw.x : undefined,
  };
}

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** A minimal page holding what the bookmarklet found, for the server's extractor. */
export function payloadToHtml(payload: CapturePayload): string {
  const head = [`<title>${escapeText(payload.t ?? '')}</title>`];
  for (const [key, content] of Object.entries(payload.m ?? {})) {
    const attribute = key.startsWith('og:') ? 'property' : 'name';
    head.push(
      `<meta ${attribute}="${escapeAttribute(key)}" content="${escapeAttribute(content)}">`,
    );
  }
  if (payload.c) head.push(`<link rel="canonical" href="${escapeAttribute(payload.c)}">`);
  for (const block of payload.j ?? []) {
    // "</" cannot end the script early once written "<\/" (the same string in JSON).
    head.push(`<script type="application/ld+json">${block.replace(/<\//g, '<\\/')}</script>`);
  }
  const body: string[] = [];
  if (payload.h1) body.push(`<h1>${escapeText(payload.h1)}</h1>`);
  if (payload.h) body.push(payload.h);
  if (payload.x) {
    const paragraphs = payload.x
      .split(/\n\s*\n|\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    body.push(`<main>${paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('')}</main>`);
  }
  return `<!DOCTYPE html><html><head>${head.join('')}</head><body>${body.join('')}</body></html>`;
}
