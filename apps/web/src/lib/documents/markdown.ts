// Markdown to HTML for previews of resumes and generated documents. The one
// place the app turns user text into HTML: raw HTML is escaped (html: false)
// and markdown-it's link check refuses javascript:, vbscript:, file: and
// non-image data: URLs, so the output is safe for {@html}.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Links leave the app: a new tab, no referrer, no search-ranking credit.
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** Sanitised HTML for `text` (Markdown). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
