// Reads a job posting out of a web page (issue 14, "Capture a posting"): the
// schema.org JobPosting in JSON-LD first, then microdata, then OpenGraph tags,
// then the page's title and text, field by field, each field saying where it
// came from. Nothing here fetches or saves; the HTML may be hostile, so it is
// only parsed (cheerio), never rendered, and every value is cut to the
// application's own limits.
import * as cheerio from 'cheerio';
import type { employmentType, workArrangement } from '@pursuit/db';

/** Where a field came from; 'json-resume' is a JSON Resume job file (capture.fromJsonResumeJob). */
export type CaptureSource = 'json-ld' | 'microdata' | 'opengraph' | 'text' | 'json-resume';
export type WorkArrangement = (typeof workArrangement.enumValues)[number];
export type EmploymentType = (typeof employmentType.enumValues)[number];

export interface CapturedFields {
  companyName: string | null;
  roleTitle: string | null;
  /** Plain text: paragraphs separated by blank lines, bullets as "- ". */
  description: string | null;
  location: string | null;
  workArrangement: WorkArrangement | null;
  employmentType: EmploymentType | null;
  /** Whole units of salaryCurrency per year (hourly and monthly pay is annualised). */
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  jobUrl: string | null;
  /** YYYY-MM-DD */
  postedOn: string | null;
  /** YYYY-MM-DD: the posting closes after this day. */
  validThrough: string | null;
}

export type FieldName = keyof CapturedFields;

export interface Extraction {
  fields: CapturedFields;
  /** The richest source any field came from; null when nothing was found. */
  source: CaptureSource | null;
  /** Where each found field came from. */
  fieldSources: Partial<Record<FieldName, CaptureSource>>;
  /** Sentences for the person: what is missing, cut or guessed. */
  warnings: string[];
}

/** The application's own limits (router/application.ts, fields.ts). */
export const CAPTURE_LIMITS = {
  companyName: 200,
  roleTitle: 200,
  description: 100_000,
  descriptionMinimum: 50,
  location: 200,
  url: 2048,
  money: 100_000_000,
} as const;

const SOURCES: readonly CaptureSource[] = [
  'json-resume',
  'json-ld',
  'microdata',
  'opengraph',
  'text',
];

/** Hours, days… in a working year, to show every salary per year. */
const PER_YEAR: Record<string, { factor: number; unit: string; assumption: string }> = {
  HOUR: { factor: 2080, unit: 'hour', assumption: '2,080 working hours (40 a week)' },
  DAY: { factor: 260, unit: 'day', assumption: '260 working days' },
  WEEK: { factor: 52, unit: 'week', assumption: '52 weeks' },
  MONTH: { factor: 12, unit: 'month', assumption: '12 months' },
  YEAR: { factor: 1, unit: 'year', assumption: '' },
};

const EMPLOYMENT: Record<string, EmploymentType | null> = {
  FULL_TIME: 'full_time',
  FULLTIME: 'full_time',
  PERMANENT: 'full_time',
  PART_TIME: 'part_time',
  PARTTIME: 'part_time',
  CONTRACTOR: 'contract',
  CONTRACT: 'contract',
  TEMPORARY: 'contract',
  TEMP: 'contract',
  PER_DIEM: 'contract',
  FREELANCE: 'freelance',
  FREELANCER: 'freelance',
  INTERN: 'internship',
  INTERNSHIP: 'internship',
};

/** The parsed-DOM node shape this module walks (domhandler's, which cheerio does not re-export). */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  children?: DomNode[];
}
type Element = Parameters<cheerio.CheerioAPI>[0] & DomNode & { name: string };

type Json = unknown;
type JsonObject = Record<string, Json>;

interface Candidate {
  source: CaptureSource;
  fields: Partial<CapturedFields>;
  warnings: string[];
}

/**
 * htmlparser2 rather than cheerio's default parse5: parse5 follows the HTML
 * standard's tree building, whose scope checks make a page nested thousands
 * deep take minutes (quadratic); htmlparser2 is linear and forgiving enough
 * for reading a posting.
 */
const PARSE = { xml: { xmlMode: false, decodeEntities: true } } as const;

/** Deeper than any real page; past it a page is built to be slow to read. */
const MAX_DEPTH = 256;

function parse(html: string, document = true): cheerio.CheerioAPI {
  const $ = cheerio.load(html, PARSE, document);
  // Selectors and serializers cost depth × size: cut what lies deeper.
  const stack: Array<[DomNode, number]> = [[$.root()[0] as unknown as DomNode, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node.children) continue;
    if (depth >= MAX_DEPTH) node.children = [];
    else for (const child of node.children) stack.push([child, depth + 1]);
  }
  return $;
}

// ---------- small readers of schema.org values ----------

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A storable string: no NUL, no lone surrogates, no other control characters but tab and newline. */
export function storable(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  );
}

/** Decodes entities in a plain-text value ("Ben &amp; Jerry&#39;s"). */
function decodeEntities(value: string): string {
  if (!/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(value)) return value;
  return cheerio
    .load(
      `<p>${value.replace(/</g, '&lt;')}</p>`,
      null,
      false,
    )('p')
    .text();
}

/** One line of text from a schema.org value: a string, number, {@value}, {name} or the first of a list. */
function textOf(value: Json): string | null {
  if (typeof value === 'string') {
    const clean = storable(decodeEntities(value)).replace(/\s+/g, ' ').trim();
    return clean === '' ? null : clean;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = textOf(entry);
      if (found) return found;
    }
    return null;
  }
  if (isObject(value)) return textOf(value['@value'] ?? value.name);
  return null;
}

/** "120,000", "120000.00", 120000 → 120000; anything else null. */
function numberOf(value: Json): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const cleaned = value.replace(/[\s,_]/g, '').replace(/^[^\d.-]+/, '');
    if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
    return Number(cleaned);
  }
  if (isObject(value) && '@value' in value) return numberOf(value['@value']);
  return null;
}

function typesOf(node: JsonObject): string[] {
  return asList(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^https?:\/\/schema\.org\//i, '').replace(/^schema:/i, ''));
}

/** YYYY-MM-DD from an ISO date or date-time (or anything Date reads), else null. */
function dayOf(value: Json): string | null {
  const raw = textOf(value);
  if (!raw) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  if (iso) return Number.isNaN(Date.parse(iso[1]!)) ? null : iso[1]!;
  const parsed = new Date(raw);
  if (Number.isNaN(parsed.getTime())) return null;
  const year = parsed.getUTCFullYear();
  if (year < 1900 || year > 9999) return null;
  return parsed.toISOString().slice(0, 10);
}

/** An absolute http(s) URL (relative ones resolved against the page), else null. */
function httpUrlOf(value: Json, base: string | null): string | null {
  const raw = textOf(value);
  if (!raw) return null;
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const href = url.href;
    return href.length > CAPTURE_LIMITS.url ? null : href;
  } catch {
    return null;
  }
}

// ---------- HTML to readable text ----------

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head']);

/**
 * Appends the text of `nodes` to `out`, block elements as line breaks. A loop
 * over an explicit stack, not recursion: a hostile page nested 100,000 deep
 * must not overflow the call stack.
 */
function appendText(nodes: DomNode[], out: string[]): void {
  const stack: Array<DomNode | string> = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out.push(node);
      continue;
    }
    if (node.type === 'text') {
      out.push((node.data ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (!node.children) continue;
    // domhandler types <script> and <style> apart from other tags.
    const name = (node.name ?? '').toLowerCase();
    if (SKIPPED.has(name)) continue;
    if (name === 'br') {
      out.push('\n');
      continue;
    }
    if (name === 'li') out.push('\n- ');
    else if (name === 'td' || name === 'th') out.push(' ');
    else if (BLOCKS.has(name)) out.push('\n\n');
    if (BLOCKS.has(name)) stack.push('\n\n');
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
  }
}

/** Readable text from an HTML fragment: paragraphs split by blank lines, list items as "- ". */
export function htmlToText(html: string): string {
  let source = html;
  // Many boards (Greenhouse among them) put escaped HTML in JSON-LD: "&lt;p&gt;…".
  if (!/<[a-z!/]/i.test(source) && /&lt;\/?[a-z]/i.test(source)) {
    source = parse(`<p>${source}</p>`, false)('p').text();
  }
  const $ = parse(source, false);
  return nodesToText(($.root()[0] as unknown as DomNode).children ?? []);
}

/** Readable text of parsed nodes (see htmlToText). */
function nodesToText(nodes: DomNode[]): string {
  const out: string[] = [];
  appendText(nodes, out);
  return (
    storable(out.join(''))
      .split('\n')
      .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
      .join('\n')
      .replace(/^-\n+(?=\S)/gm, '- ')
      .replace(/^-$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .split('\n')
      // No blank line between two list items (a <li> holding a <p> leaves one).
      .filter(
        (line, i, lines) =>
          line !== '' || !(lines[i - 1]?.startsWith('- ') && lines[i + 1]?.startsWith('- ')),
      )
      .join('\n')
      .trim()
  );
}

// ---------- JSON-LD ----------

function parseJsonLd(raw: string): { value: Json } | null {
  try {
    return { value: JSON.parse(raw) as Json };
  } catch {
    // Raw line breaks inside strings are the common slip; JSON allows them only escaped.
    try {
      return { value: JSON.parse(raw.replace(/[\r\n\t]+/g, ' ')) as Json };
    } catch {
      return null;
    }
  }
}

/** Every object in a JSON-LD document, with @graph, arrays and nesting followed. */
function collectNodes(value: Json, into: JsonObject[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const entry of value) collectNodes(entry, into, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  into.push(value);
  for (const [key, child] of Object.entries(value)) {
    if (key === '@context') continue;
    if (typeof child === 'object' && child !== null) collectNodes(child, into, depth + 1);
  }
}

function jsonLdCandidate($: cheerio.CheerioAPI, pageUrl: string | null): Candidate | null {
  const warnings: string[] = [];
  const nodes: JsonObject[] = [];
  let invalid = 0;
  $('script').each((_, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0]!.trim();
    if (type !== 'application/ld+json') return;
    const raw = $(el).text().trim();
    if (raw === '') return;
    const parsed = parseJsonLd(raw);
    if (parsed === null) invalid += 1;
    else collectNodes(parsed.value, nodes);
  });
  if (invalid > 0) {
    warnings.push(
      invalid === 1
        ? 'One block of structured data (JSON-LD) on the page is not valid JSON and was skipped.'
        : `${invalid} blocks of structured data (JSON-LD) on the page are not valid JSON and were skipped.`,
    );
  }
  const postings = nodes.filter((node) => typesOf(node).includes('JobPosting'));
  if (postings.length === 0)
    return invalid > 0 ? { source: 'json-ld', fields: {}, warnings } : null;
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    if (typeof node['@id'] === 'string' && Object.keys(node).length > 1)
      byId.set(node['@id'], node);
  }
  const posting = postings[0]!;
  const fields = postingFields(posting, pageUrl, warnings, (ref) => {
    if (isObject(ref) && typeof ref['@id'] === 'string' && Object.keys(ref).length === 1) {
      return byId.get(ref['@id']) ?? ref;
    }
    return ref;
  });
  if (postings.length > 1) {
    warnings.push(
      `The page describes ${postings.length} job postings; the first${fields.roleTitle ? ` (“${fields.roleTitle}”)` : ''} was used.`,
    );
  }
  return { source: 'json-ld', fields, warnings };
}

// ---------- microdata ----------

function microdataValue($: cheerio.CheerioAPI, el: Element, name: string): Json {
  const $el = $(el);
  const tag = el.name.toLowerCase();
  if ($el.is('[itemscope]')) return microdataItem($, el);
  if ($el.attr('content') !== undefined) return $el.attr('content');
  if (tag === 'a' || tag === 'link' || tag === 'area') return $el.attr('href') ?? '';
  if (['img', 'audio', 'video', 'source', 'iframe', 'embed'].includes(tag)) return $el.attr('src');
  if (tag === 'time') return $el.attr('datetime') ?? $el.text();
  if (tag === 'data' || tag === 'meter') return $el.attr('value') ?? $el.text();
  if (name === 'description') return $el.html() ?? '';
  return $el.text();
}

/** A microdata item as the JSON-LD object it would be. */
function microdataItem($: cheerio.CheerioAPI, scope: Element): JsonObject {
  const item: JsonObject = {};
  const itemtype = $(scope).attr('itemtype');
  if (itemtype) item['@type'] = itemtype.trim().split(/\s+/);
  $(scope)
    .find('[itemprop]')
    .each((_, el) => {
      if ($(el).parent().closest('[itemscope]')[0] !== scope) return;
      for (const name of ($(el).attr('itemprop') ?? '').trim().split(/\s+/)) {
        if (!name) continue;
        const value = microdataValue($, el, name);
        const existing = item[name];
        item[name] = existing === undefined ? value : [...asList(existing), value];
      }
    });
  return item;
}

function microdataCandidate($: cheerio.CheerioAPI, pageUrl: string | null): Candidate | null {
  const scopes = $('[itemscope][itemtype]')
    .toArray()
    .filter((el) => /schema\.org\/JobPosting\b/i.test($(el).attr('itemtype') ?? ''));
  if (scopes.length === 0) return null;
  const warnings: string[] = [];
  const fields = postingFields(microdataItem($, scopes[0]!), pageUrl, warnings, (ref) => ref);
  return { source: 'microdata', fields, warnings };
}

// ---------- a JobPosting, from either ----------

function placeText(place: Json): string | null {
  if (typeof place === 'string') return textOf(place);
  if (!isObject(place)) return null;
  const address = place.address;
  if (typeof address === 'string') return textOf(address);
  const parts: string[] = [];
  for (const value of asList(address)) {
    if (!isObject(value)) continue;
    for (const key of ['addressLocality', 'addressRegion', 'addressCountry']) {
      const part = textOf(value[key]);
      if (part && !parts.some((p) => p.toLowerCase() === part.toLowerCase())) parts.push(part);
    }
    if (parts.length > 0) break;
  }
  if (parts.length === 0) {
    const name = textOf(place.name);
    if (name) parts.push(name);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

function employmentOf(value: Json): EmploymentType | null {
  for (const entry of asList(value)) {
    const raw = textOf(entry);
    if (!raw) continue;
    for (const piece of raw.split(/[,/]|\bor\b/)) {
      const key = piece
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_');
      const found = EMPLOYMENT[key];
      if (found) return found;
    }
  }
  return null;
}

function arrangementFromWords(...texts: Array<string | null | undefined>): WorkArrangement | null {
  const joined = texts.filter(Boolean).join(' ').toLowerCase();
  if (/\bhybrid\b/.test(joined)) return 'hybrid';
  if (/\b(fully |100% )?remote\b/.test(joined)) return 'remote';
  if (/\bon[- ]?site\b|\bin[- ]office\b/.test(joined)) return 'onsite';
  return null;
}

interface Salary {
  min: number | null;
  max: number | null;
  currency: string | null;
  unit: string | null;
}

function salaryOf(amount: Json, fallbackCurrency: Json): Salary | null {
  if (typeof amount === 'number' || typeof amount === 'string') {
    const n = numberOf(amount);
    return n === null ? null : { min: n, max: n, currency: textOf(fallbackCurrency), unit: null };
  }
  if (!isObject(amount)) return null;
  const currency = textOf(amount.currency) ?? textOf(fallbackCurrency);
  const value = amount.value;
  let min: number | null = null;
  let max: number | null = null;
  let unit = textOf(amount.unitText);
  if (isObject(value)) {
    const exact = numberOf(value.value);
    min = numberOf(value.minValue) ?? exact;
    max = numberOf(value.maxValue) ?? exact;
    unit = textOf(value.unitText) ?? unit;
  } else {
    const exact = numberOf(value) ?? numberOf(amount.minValue);
    min = exact;
    max = numberOf(amount.maxValue) ?? exact;
  }
  if (min === null && max === null) return null;
  return { min, max, currency, unit };
}

function postingFields(
  posting: JsonObject,
  pageUrl: string | null,
  warnings: string[],
  resolve: (value: Json) => Json,
): Partial<CapturedFields> {
  const fields: Partial<CapturedFields> = {};
  fields.roleTitle = textOf(posting.title) ?? textOf(posting.name);

  for (const org of asList(posting.hiringOrganization).map(resolve)) {
    const name = textOf(isObject(org) ? (org.name ?? org.legalName) : org);
    if (name) {
      fields.companyName = name;
      break;
    }
  }

  const description = asList(posting.description)
    .map((d) => (typeof d === 'string' ? htmlToText(d) : (textOf(d) ?? '')))
    .find((d) => d !== '');
  if (description) fields.description = description;

  const places = asList(posting.jobLocation)
    .map(resolve)
    .map(placeText)
    .filter((p): p is string => p !== null);
  const uniquePlaces = [...new Set(places)];
  const remote = asList(posting.jobLocationType).some((t) => /TELECOMMUTE/i.test(textOf(t) ?? ''));
  if (uniquePlaces.length > 0) fields.location = uniquePlaces.join('; ');
  else if (remote) {
    const where = asList(posting.applicantLocationRequirements)
      .map(resolve)
      .map((r) => textOf(isObject(r) ? r.name : r))
      .filter((r): r is string => r !== null);
    fields.location = where.length > 0 ? `Remote (${where.join(', ')})` : 'Remote';
  }
  fields.workArrangement = remote
    ? 'remote'
    : arrangementFromWords(fields.roleTitle, fields.location, textOf(posting.workHours));

  fields.employmentType = employmentOf(posting.employmentType);

  const salary =
    salaryOf(posting.baseSalary, posting.salaryCurrency) ??
    salaryOf(asList(posting.estimatedSalary)[0], posting.salaryCurrency);
  if (salary) Object.assign(fields, salaryFields(salary, warnings));

  fields.jobUrl = httpUrlOf(posting.url, pageUrl) ?? null;
  fields.postedOn = dayOf(posting.datePosted);
  fields.validThrough = dayOf(posting.validThrough);
  return fields;
}

function salaryFields(salary: Salary, warnings: string[]): Partial<CapturedFields> {
  let { min, max } = salary;
  const unitKey = (salary.unit ?? 'YEAR').toUpperCase().replace(/LY$/, '').replace(/S$/, '');
  const per = PER_YEAR[unitKey === 'ANNUAL' || unitKey === 'ANNUM' ? 'YEAR' : unitKey];
  let currency = salary.currency?.trim().toUpperCase() ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    warnings.push(`The salary currency “${currency}” is not a three-letter code and was left out.`);
    currency = null;
  }
  if (!per) {
    warnings.push(
      `The salary is given per “${salary.unit}”, which Pursuit cannot turn into a yearly amount; check it.`,
    );
  } else if (per.factor !== 1) {
    const shown = [min, max]
      .filter((v, i, all) => v !== null && all.indexOf(v) === i)
      .map((v) => v!.toLocaleString('en'))
      .join('–');
    warnings.push(
      `The salary was given per ${per.unit} (${shown}${currency ? ` ${currency}` : ''}); it is shown per year, assuming ${per.assumption}.`,
    );
    min = min === null ? null : min * per.factor;
    max = max === null ? null : max * per.factor;
  }
  const whole = (v: number | null) =>
    v === null || v < 0 || v > CAPTURE_LIMITS.money ? null : Math.round(v);
  const [wMin, wMax] = [whole(min), whole(max)];
  if ((min !== null && wMin === null) || (max !== null && wMax === null)) {
    warnings.push('A salary figure was negative or implausibly large and was left out.');
  }
  if (wMin !== null && wMax !== null && wMin > wMax) {
    warnings.push('The minimum salary was above the maximum; they were swapped.');
    return { salaryMin: wMax, salaryMax: wMin, salaryCurrency: currency };
  }
  return { salaryMin: wMin, salaryMax: wMax, salaryCurrency: currency };
}

// ---------- OpenGraph and the page's own text ----------

function meta($: cheerio.CheerioAPI, ...names: string[]): string | null {
  for (const name of names) {
    const value = $(`meta[property="${name}"], meta[name="${name}"]`).first().attr('content');
    const text = value === undefined ? null : textOf(value);
    if (text) return text;
  }
  return null;
}

/** "Senior Engineer at Acme" / "Senior Engineer - Acme | Board": role and company, when the title says both. */
function splitTitle(title: string): { role: string; company: string | null } {
  const withoutBoard = title.replace(/\s+[|·]\s+[^|·]+$/, '').trim();
  const at = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(withoutBoard);
  if (at) return { role: at[1]!.trim(), company: at[2]!.trim() };
  return { role: withoutBoard || title, company: null };
}

/** "Warehouse Lead - Adventure Works" beside an h1 "Warehouse Lead": the other half is the company. */
function companyBesideHeading(title: string, heading: string): string | null {
  const parts = title.split(/\s+[-–—|]\s+/).map((p) => p.trim());
  if (parts.length !== 2) return null;
  const same = (a: string) => a.toLowerCase() === heading.toLowerCase();
  if (same(parts[0]!)) return parts[1]!;
  if (same(parts[1]!)) return parts[0]!;
  return null;
}

function openGraphCandidate($: cheerio.CheerioAPI, pageUrl: string | null): Candidate | null {
  const title = meta($, 'og:title', 'twitter:title');
  const description = meta($, 'og:description', 'twitter:description');
  const site = meta($, 'og:site_name');
  const url = httpUrlOf(meta($, 'og:url'), pageUrl);
  if (!title && !description && !site) return null;
  const fields: Partial<CapturedFields> = {};
  if (title) {
    const split = splitTitle(title);
    fields.roleTitle = split.role;
    fields.companyName = split.company ?? site;
  } else fields.companyName = site;
  if (description) fields.description = description;
  if (url) fields.jobUrl = url;
  return { source: 'opengraph', fields, warnings: [] };
}

function textCandidate($: cheerio.CheerioAPI, pageUrl: string | null): Candidate | null {
  const fields: Partial<CapturedFields> = {};
  const h1 = textOf($('h1').first().text());
  const title = textOf($('title').first().text());
  if (h1) fields.roleTitle = h1;
  else if (title) {
    const split = splitTitle(title);
    fields.roleTitle = split.role;
    if (split.company) fields.companyName = split.company;
  }
  if (h1 && title && !fields.companyName) {
    const company = splitTitle(title).company ?? companyBesideHeading(title, h1);
    if (company) fields.companyName = company;
  }
  const description = meta($, 'description');
  const main = $('main, article, [role="main"]').first();
  // htmlparser2 adds no <body> to a fragment (pasted HTML): then the whole of it.
  const scope = main.length > 0 ? main : $('body').length > 0 ? $('body') : null;
  const find = (selector: string) => (scope ? scope.find(selector) : $(selector));
  // The page's own document, changed in place: this reader runs last.
  find('nav, header, footer, script, style, noscript, form, aside').remove();
  find('h1').first().remove();
  const bodyText = nodesToText(
    scope ? scope.toArray() : (($.root()[0] as unknown as DomNode).children ?? []),
  );
  if (bodyText.length >= CAPTURE_LIMITS.descriptionMinimum) fields.description = bodyText;
  else if (description) fields.description = description;
  const canonical = httpUrlOf($('link[rel="canonical"]').attr('href'), pageUrl);
  if (canonical) fields.jobUrl = canonical;
  fields.workArrangement = arrangementFromWords(fields.roleTitle);
  if (Object.values(fields).every((v) => v === null || v === undefined)) return null;
  return { source: 'text', fields, warnings: [] };
}

// ---------- putting it together ----------

const EMPTY: CapturedFields = {
  companyName: null,
  roleTitle: null,
  description: null,
  location: null,
  workArrangement: null,
  employmentType: null,
  salaryMin: null,
  salaryMax: null,
  salaryCurrency: null,
  jobUrl: null,
  postedOn: null,
  validThrough: null,
};

const LABELS: Record<'companyName' | 'roleTitle' | 'location', string> = {
  companyName: 'company name',
  roleTitle: 'role title',
  location: 'location',
};

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}

/**
 * Merges candidates field by field, the first source with a value winning,
 * and checks the result against the application's limits.
 */
export function mergeCandidates(
  candidates: Candidate[],
  pageUrl: string | null,
  today = new Date(),
): Extraction {
  const fields: CapturedFields = { ...EMPTY };
  const fieldSources: Partial<Record<FieldName, CaptureSource>> = {};
  const warnings: string[] = [];
  const ordered = [...candidates].sort(
    (a, b) => SOURCES.indexOf(a.source) - SOURCES.indexOf(b.source),
  );
  for (const candidate of ordered) {
    warnings.push(...candidate.warnings);
    for (const key of Object.keys(EMPTY) as FieldName[]) {
      const value = candidate.fields[key];
      if (value === null || value === undefined || fields[key] !== null) continue;
      // Salary min, max and currency travel together: never mix two sources.
      if (
        key === 'salaryCurrency' &&
        fieldSources.salaryMin &&
        fieldSources.salaryMin !== candidate.source
      )
        continue;
      (fields as unknown as Record<FieldName, unknown>)[key] = value;
      fieldSources[key] = candidate.source;
    }
  }
  if (fields.jobUrl === null && pageUrl) {
    const url = httpUrlOf(pageUrl, null);
    if (url) {
      fields.jobUrl = url;
      fieldSources.jobUrl = 'text';
    }
  }

  for (const key of ['companyName', 'roleTitle', 'location'] as const) {
    const value = fields[key];
    if (value !== null && [...value].length > CAPTURE_LIMITS[key]) {
      fields[key] = cut(value, CAPTURE_LIMITS[key]);
      warnings.push(
        `The ${LABELS[key]} was cut to ${CAPTURE_LIMITS[key].toLocaleString('en')} characters.`,
      );
    }
  }
  if (fields.description !== null) {
    if ([...fields.description].length > CAPTURE_LIMITS.description) {
      fields.description = cut(fields.description, CAPTURE_LIMITS.description);
      warnings.push(
        `The description was cut to ${CAPTURE_LIMITS.description.toLocaleString('en')} characters.`,
      );
    } else if (fields.description.length < CAPTURE_LIMITS.descriptionMinimum) {
      warnings.push(
        `The description is shorter than ${CAPTURE_LIMITS.descriptionMinimum} characters; add to it before saving.`,
      );
    }
  }

  const used = new Set(Object.values(fieldSources));
  const source = SOURCES.find((s) => used.has(s)) ?? null;
  if (source === null) {
    warnings.push('Nothing about a job was found on this page; fill in the form yourself.');
  } else if (source === 'text' || source === 'opengraph') {
    warnings.push(
      'The page has no structured job data (schema.org JobPosting), so the fields were read from its title and text: check them.',
    );
  }
  if (source !== null) {
    if (!fields.companyName) warnings.push('No company name found.');
    if (!fields.roleTitle) warnings.push('No role title found.');
    if (!fields.description) warnings.push('No description found.');
    if (fields.salaryMin === null && fields.salaryMax === null) warnings.push('No salary found.');
  }
  if (fields.validThrough && fields.validThrough < today.toISOString().slice(0, 10)) {
    warnings.push(`The posting closed on ${fields.validThrough}; it may no longer be open.`);
  }
  return { fields, source, fieldSources, warnings: [...new Set(warnings)] };
}

/** Reads the posting in `html`; `pageUrl` is where it came from (relative links, the job URL). */
/** Elements whose end tag is never implied, so their nesting can be counted without parsing. */
const NESTING =
  /<(\/?)(?:div|span|section|article|main|a|b|i|em|strong|ul|ol|table|form|header|footer|nav|aside|font|center|blockquote)\b[^>]*>/gi;
const MAX_SCANNED_DEPTH = 2_000;

/** How deep the page nests (approximately: elements with required end tags only), in one pass. */
function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(NESTING)) {
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

export function extractPosting(html: string, pageUrl?: string | null): Extraction {
  const base = pageUrl ? httpUrlOf(pageUrl, null) : null;
  // Parsing costs grow with depth × size; a real page nests a few dozen deep.
  if (nestingDepth(html) > MAX_SCANNED_DEPTH) {
    return {
      ...mergeCandidates([], base),
      warnings: [
        `The page nests elements more than ${MAX_SCANNED_DEPTH.toLocaleString('en')} deep, so Pursuit did not read it; paste the posting’s text instead.`,
      ],
    };
  }
  let candidates: Candidate[];
  try {
    const $ = parse(html);
    candidates = [
      jsonLdCandidate($, base),
      microdataCandidate($, base),
      openGraphCandidate($, base),
      textCandidate($, base),
    ].filter((c): c is Candidate => c !== null);
  } catch (error) {
    // A selector or serializer that recurses can still meet a page nested too deep.
    if (!(error instanceof RangeError)) throw error;
    return {
      ...mergeCandidates([], base),
      warnings: ['The page is nested too deeply to read; paste the posting’s text instead.'],
    };
  }
  return mergeCandidates(candidates, base);
}
