// The "Save to Pursuit" bookmarklet (issue 14). Run on a job page, it gathers
// what describes the posting — JSON-LD blocks, the microdata JobPosting, meta
// tags, the title and heading, and the main text only when there is nothing
// structured — in the person's browser (so pages behind a login work and the
// server fetches nothing), and opens Pursuit's /capture page with it in the
// URL fragment, deflated and base64url-encoded: a fragment never reaches a
// server, and only the describing parts are sent, not the page's HTML.

/** What the bookmarklet sends; short keys keep the URL short. */
export interface CapturePayload {
  /** Format version. */
  v: 1;
  /** The page's address. */
  u: string;
  /** document.title */
  t?: string;
  /** The text of each JSON-LD script. */
  j?: string[];
  /** Meta tags: og:*, twitter:*, description. */
  m?: Record<string, string>;
  /** The outer HTML of the microdata JobPosting. */
  h?: string;
  /** The first h1's text. */
  h1?: string;
  /** link rel=canonical */
  c?: string;
  /** The main text, only when the page has no JSON-LD or microdata. */
  x?: string;
}

/** Caps that keep the fragment well within what browsers accept in a URL. */
export const PAYLOAD_LIMITS = { jsonLd: 600_000, microdata: 400_000, text: 60_000, meta: 5_000 };

/**
 * The bookmarklet's body. Plain ES2019 run in the job page, so it uses
 * nothing from this app; `origin` is Pursuit's, `limits` the caps above.
 */
function gather(origin: string, limits: typeof PAYLOAD_LIMITS): void {
  const d = document;
  const out: Record<string, unknown> = { v: 1, u: location.href, t: d.title.slice(0, 1000) };
  const blocks: string[] = [];
  let size = 0;
  d.querySelectorAll('script[type*="ld+json" i]').forEach((s) => {
    const text = s.textContent ?? '';
    if (size + text.length <= limits.jsonLd) {
      blocks.push(text);
      size += text.length;
    }
  });
  if (blocks.length) out.j = blocks;
  const meta: Record<string, string> = {};
  d.querySelectorAll(
    'meta[property^="og:"],meta[name^="og:"],meta[name^="twitter:"],meta[name="description"]',
  ).forEach((m) => {
    const key = m.getAttribute('property') ?? m.getAttribute('name');
    const content = m.getAttribute('content');
    if (key && content && !(key in meta)) meta[key] = content.slice(0, limits.meta);
  });
  out.m = meta;
  const item = d.querySelector('[itemscope][itemtype*="schema.org/JobPosting" i]');
  if (item && item.outerHTML.length <= limits.microdata) out.h = item.outerHTML;
  const heading = d.querySelector('h1');
  if (heading) out.h1 = (heading.textContent ?? '').trim().slice(0, 1000);
  const canonical = d.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  if (canonical) out.c = canonical.href;
  if (!blocks.length && !out.h) {
    const main = d.querySelector<HTMLElement>('main,article,[role="main"]') ?? d.body;
    out.x = main.innerText.slice(0, limits.text);
  }
  const bytes = new TextEncoder().encode(JSON.stringify(out));
  const base64url = (data: Uint8Array) => {
    let binary = '';
    for (let i = 0; i < data.length; i += 32768) {
      binary += String.fromCharCode(...data.subarray(i, i + 32768));
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const go = (fragment: string) => {
    location.href = `${origin}/capture#${fragment}`;
  };
  if (typeof CompressionStream === 'function') {
    new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')))
      .arrayBuffer()
      .then((deflated) => go(`z${base64url(new Uint8Array(deflated))}`))
      .catch(() => go(`j${base64url(bytes)}`));
  } else go(`j${base64url(bytes)}`);
}

/** The script the bookmark runs, for Pursuit at `origin`. */
export function bookmarkletCode(origin: string): string {
  return `(${gather.toString()})(${JSON.stringify(origin)},${JSON.stringify(PAYLOAD_LIMITS)});void 0`;
}

/** The bookmark's address: `javascript:` and the code, percent-encoded as a URL must be. */
export function bookmarkletHref(origin: string): string {
  return `javascript:${encodeURIComponent(bookmarkletCode(origin))}`;
}
