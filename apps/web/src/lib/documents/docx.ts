// A document as a Word file (.docx): its Markdown rendered to the same
// sanitized HTML the page shows, turned into Word paragraphs, lists, tables
// and links by docx/html. Imported on demand, so docx is not in the first load.
import { Document, Packer } from 'docx';
import { htmlToContent } from 'docx/html';
import { renderMarkdown } from './markdown';

/** Markdown tables carry no borders of their own; Word would show none. */
const TABLES = 'th, td { border: 1px solid #999999; padding: 2pt 4pt; } th { font-weight: bold; }';

export interface DocxMeta {
  title: string;
  /** Shown in Word's document properties. */
  subject?: string;
}

export function docxDocument(markdown: string, meta: DocxMeta): Document {
  return new Document({
    title: meta.title,
    subject: meta.subject,
    creator: 'Pursuit',
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 } },
      },
    },
    sections: [{ children: [...htmlToContent(renderMarkdown(markdown), { stylesheet: TABLES })] }],
  });
}

export function docxBlob(markdown: string, meta: DocxMeta): Promise<Blob> {
  return Packer.toBlob(docxDocument(markdown, meta));
}
