// Where a person goes after signing in or up: a same-site path only (an
// invitation link sends them back to itself), so a link cannot redirect
// elsewhere. Pure, so the server's hooks and the pages share it.

/** Only same-site paths may be a post-login destination. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Where a signed-in visitor of /login or /signup belongs: the invitation, the next page, or home. */
export function afterAuth(params: URLSearchParams): string {
  const invite = params.get('invite');
  if (invite) return `/invite/${encodeURIComponent(invite)}`;
  return safeNext(params.get('next'));
}
