// A comment's Markdown as HTML, through the app's one sanitising renderer
// (lib/documents/markdown.ts): raw HTML escaped, script URLs refused, images
// turned into links so nothing loads from a comment until a click.
import { renderMarkdown } from '$lib/documents/markdown';

export function renderComment(body: string): string {
  return renderMarkdown(body);
}
