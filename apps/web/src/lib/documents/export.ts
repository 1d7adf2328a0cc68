// Downloads of a document's current version: Markdown as written, a
// standalone print-ready HTML page (sanitized, no scripts, print CSS), and
// Word (.docx, built by a module loaded only when asked for).
import { renderMarkdown } from './markdown';

export type ExportFormat = 'md' | 'html' | 'docx';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  md: 'Markdown (.md)',
  html: 'Print-ready HTML',
  docx: 'Word (.docx)',
};

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const PRINT_CSS = `
  @page { size: auto; margin: 2cm 2.2cm; }
  :root { color-scheme: light; }
  html { background: #fff; color: #111; }
  body {
    max-width: 44rem; margin: 2.5rem auto; padding: 0 1.25rem;
    font: 11pt/1.55 Georgia, 'Times New Roman', serif;
  }
  h1, h2, h3, h4 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.25; margin: 1.4em 0 0.5em; break-after: avoid; }
  h1 { font-size: 20pt; margin-top: 0; }
  h2 { font-size: 14pt; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
  h3 { font-size: 12pt; }
  p, ul, ol, blockquote, table, pre { margin: 0 0 0.8em; }
  ul, ol { padding-left: 1.4em; }
  li { margin: 0.15em 0; }
  li, blockquote, pre, tr { break-inside: avoid; }
  a { color: #1d3a8a; }
  blockquote { border-left: 3px solid #bbb; margin-left: 0; padding-left: 1em; color: #333; }
  code, pre { font-family: Menlo, Consolas, monospace; font-size: 0.92em; }
  pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.6em 0.8em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
  hr { border: 0; border-top: 1px solid #ccc; margin: 1.5em 0; }
  img { max-width: 100%; }
  @media print {
    body { margin: 0; padding: 0; max-width: none; }
    a { color: inherit; text-decoration: none; }
  }
`;

/**
 * A complete HTML document for `markdown`, ready to open and print. The body
 * is renderMarkdown's sanitized output; a content security policy forbids
 * scripts and remote loads as a second line of defence.
 */
export function printableHtml(markdown: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pursuit">
<title>${escapeHtml(title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
${renderMarkdown(markdown)}</main>
</body>
</html>
`;
}

/** The file for one format (DOCX loads its builder on first use). */
export async function exportBlob(
  format: ExportFormat,
  markdown: string,
  title: string,
): Promise<Blob> {
  switch (format) {
    case 'md':
      return new Blob([markdown.endsWith('\n') ? markdown : `${markdown}\n`], {
        type: 'text/markdown;charset=utf-8',
      });
    case 'html':
      return new Blob([printableHtml(markdown, title)], { type: 'text/html;charset=utf-8' });
    case 'docx': {
      const { docxBlob } = await import('./docx');
      return docxBlob(markdown, { title });
    }
  }
}
