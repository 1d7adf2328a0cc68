import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { docxDocument } from './docx';
import { exportBlob, printableHtml } from './export';
import { Packer } from 'docx';

const SAMPLE = [
  '# Research: Staff Engineer at Acme',
  '',
  'The role in **brief**, with a [link](https://acme.example/jobs).',
  '',
  '1. Kubernetes',
  '2. Go',
  '',
  '- Ask about on-call',
  '',
  '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
].join('\n');

/** The text of one entry of a zip archive (stored or deflated), found by its local header. */
function unzipEntry(zip: Buffer, name: string): string {
  let offset = 0;
  while (offset < zip.length - 30 && zip.readUInt32LE(offset) === 0x04034b50) {
    const method = zip.readUInt16LE(offset + 8);
    const compressed = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extraLength = zip.readUInt16LE(offset + 28);
    const entry = zip.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const start = offset + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + compressed);
    if (entry === name) return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    offset = start + compressed;
  }
  throw new Error(`${name} is not in the archive`);
}

describe('print-ready HTML', () => {
  it('is a complete document with print CSS and the rendered Markdown', () => {
    const html = printableHtml(SAMPLE, 'Research — Acme');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Research — Acme</title>');
    expect(html).toContain('@page');
    expect(html).toContain('@media print');
    expect(html).toContain('<h1>Research: Staff Engineer at Acme</h1>');
    expect(html).toContain('<ol>');
  });

  it('carries no script, event handler or javascript: link, and forbids them by policy', () => {
    const html = printableHtml(SAMPLE, '</title><script>alert(1)</script>');
    expect(html).not.toMatch(/<script/i);
    // Tags only: the words may survive as escaped text, never as markup.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });
});

describe('downloads', () => {
  it('gives Markdown as written, ending in a newline', async () => {
    const blob = await exportBlob('md', '# Hi', 'x');
    expect(blob.type).toBe('text/markdown;charset=utf-8');
    expect(await blob.text()).toBe('# Hi\n');
  });

  it('builds a Word file with the headings, lists and text of the document', async () => {
    const buffer = await Packer.toBuffer(docxDocument(SAMPLE, { title: 'Research' }));
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const xml = unzipEntry(buffer, 'word/document.xml');
    expect(xml).toContain('Research: Staff Engineer at Acme');
    expect(xml).toMatch(/w:pStyle w:val="Heading1"/);
    expect(xml).toContain('Kubernetes');
    expect(xml).toMatch(/<w:numPr>/);
    expect(xml).toMatch(
      /<w:hyperlink [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t[^>]*>link</,
    );
    const rels = unzipEntry(buffer, 'word/_rels/document.xml.rels');
    expect(rels).toContain('https://acme.example/jobs');
    expect(rels).not.toContain('javascript:');
  });
});
