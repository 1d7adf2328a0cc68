// Whose search the header's switcher says this page shows: an owner's id from
// `/shared/<owner>` (and its sub-pages), or null for the person's own.
export function shownOwner(pathname: string): string | null {
  const match = /^\/shared\/([^/?#]+)/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
