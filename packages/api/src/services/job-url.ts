// One form for the many addresses of one job posting, so "did I apply here?"
// knows https://www.acme.com/jobs/42/?utm_source=x and http://acme.com/jobs/42
// are the same posting. Only what never identifies a job is dropped.

/**
 * Query parameters that say where a click came from, never which job it is.
 * `gh_jid` (Greenhouse's job id), `ashby_jid`, `jk` (Indeed), `currentJobId`
 * (LinkedIn) and the like identify the posting, so they are kept.
 */
const TRACKING_PARAMS = new Set([
  'gh_src',
  'lever-source',
  'lever-origin',
  'lever-via',
  'ref',
  'referrer',
  'referer',
  'refid',
  'source',
  'src',
  'trk',
  'trkinfo',
  'trackingid',
  'lipi',
  'originalsubdomain',
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  'li_fat_id',
  'iis',
  'iisn',
]);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

const DEFAULT_PORTS = new Set(['80', '443']);

/**
 * The comparable form of a job URL: no scheme, host lower-case without
 * `www.`, no default port, no trailing slash, no tracking parameters, the
 * other parameters sorted, no fragment (unless it is a single-page app's
 * route, `#/…` or `#!…`). Null for what is not an http(s) URL.
 */
export function normaliseJobUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  if (!host) return null;
  const port = url.port && !DEFAULT_PORTS.has(url.port) ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTracking(name))
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const hash = /^#[/!]/.test(url.hash) ? url.hash.replace(/\/+$/, '') : '';
  return `${host}${port}${path}${query}${hash}`;
}

/** The lower-case host and path of a normalised URL: what a stored URL of that posting contains. */
export function jobUrlParts(normalised: string): { host: string; path: string } {
  const bare = normalised.replace(/[?#].*$/, '');
  const slash = bare.indexOf('/');
  const hostPort = slash < 0 ? bare : bare.slice(0, slash);
  return {
    host: hostPort.replace(/:\d+$/, ''),
    path: (slash < 0 ? '' : bare.slice(slash)).toLowerCase(),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
