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
    expect(html).toContain('alt="x&quot; onerror=&quot;alert(3)"');
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
