import { describe, expect, it } from 'vitest';
import { renderComment } from './render';

/** Every tag name and attribute name in `html` (quoted values skipped). */
function markup(html: string): { tags: string[]; attributes: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  for (const [, tag, inside] of html.matchAll(
    /<([a-z][a-z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi,
  )) {
    tags.push(tag!.toLowerCase());
    for (const [, name] of (inside ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) {
      attributes.push(name!.toLowerCase());
    }
  }
  return { tags, attributes };
}

describe('a comment as HTML', () => {
  it('renders Markdown: emphasis, lists, code and links that open safely', () => {
    const html = renderComment(
      '**Good** news:\n\n- one\n- `two`\n\n[the posting](https://jobs.example/1)',
    );
    expect(html).toContain('<strong>Good</strong>');
    expect(html).toContain('<li><code>two</code></li>');
    expect(html).toContain(
      '<a href="https://jobs.example/1" target="_blank" rel="noopener noreferrer nofollow">the posting</a>',
    );
  });

  it('never emits a <script>, only its escaped text', () => {
    const html = renderComment('<script>alert(document.cookie)</script>');
    expect(markup(html).tags).not.toContain('script');
    expect(html).toContain('&lt;script&gt;');
  });

  it('never emits an event-handler attribute such as onerror', () => {
    const html = renderComment(
      '<img src=x onerror="alert(1)">\n\n![x" onerror="alert(2)](https://e.example/a.png)\n\n<b onmouseover=alert(3)>hi</b>',
    );
    const { tags, attributes } = markup(html);
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
    expect(tags).not.toContain('img');
    expect(tags).not.toContain('b');
  });

  it('does not link javascript:, vbscript: or data: URLs', () => {
    const html = renderComment(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](&#106;avascript:alert(1)) [d](vbscript:x) [e](data:text/html,<script>alert(1)</script>) <javascript:alert(1)>',
    );
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/<a /);
  });

  it('turns an image into a link named by its alt text, so nothing loads until a click', () => {
    const html = renderComment('Look: ![the offer letter](https://files.example/offer.png)');
    expect(markup(html).tags).not.toContain('img');
    expect(html).toContain(
      '<a href="https://files.example/offer.png" target="_blank" rel="noopener noreferrer nofollow">the offer letter</a>',
    );
  });

  it('keeps an image with a data: or relative source as its alt text alone', () => {
    const html = renderComment('![pixel](data:image/png;base64,AAAA) ![local](/x.png)');
    expect(markup(html).tags).toEqual(['p']);
    expect(html).toContain('pixel');
    expect(html).toContain('local');
  });
});
