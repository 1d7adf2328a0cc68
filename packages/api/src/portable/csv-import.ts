// Applications from a spreadsheet. The person maps columns to fields (we
// suggest a mapping from the header names), sees every row checked by the
// same rules as the app's own form, and imports all rows in one transaction
// or none: a file with any invalid row imports nothing. A row whose job URL
// is already tracked, or repeats an earlier row's, is skipped and counted.
// The record check and the insert are format-free (a FieldReader per record),
// so the JSON import (json-import.ts) goes through exactly the same rules.
import { and, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { generateNKeysBetween } from 'fractional-indexing';
import { z } from 'zod';
import { applications, STAGES, type Stage, type Tx } from '@pursuit/db';
import { createApplicationInput } from '../router/application';
import { companyIdFor } from '../services/application';
import { CsvError, parseCsv, unguardCell } from './csv';
import {
  CSV_FIELDS,
  FIELD_LABELS,
  REQUIRED,
  suggestMapping,
  type CsvField,
  type CsvMapping,
} from './csv-mapping';
import { rejectImport, type Issue } from './issues';

export const MAX_ROWS = 10_000;

/** Used when the file has no job description: the app requires one to match against. */
export const MISSING_DESCRIPTION =
  'Imported from a spreadsheet without a job description. Paste the job posting here so Pursuit can match your profile against it.';

/** Spreadsheet words for the app's values, compared lower case without spaces, - or _. */
const STAGE_WORDS: Record<string, Stage> = {
  ...Object.fromEntries(STAGES.map((s) => [s, s])),
  wishlist: 'interested',
  saved: 'interested',
  bookmarked: 'interested',
  submitted: 'applied',
  interview: 'interviewing',
  phonescreen: 'interviewing',
  noresponse: 'ghosted',
  noreply: 'ghosted',
  noanswer: 'ghosted',
  ghost: 'ghosted',
  unresponsive: 'ghosted',
  offered: 'offer',
  hired: 'accepted',
  notselected: 'rejected',
  declined: 'rejected',
  withdrew: 'withdrawn',
};
const ARRANGEMENT_WORDS: Record<string, string> = {
  remote: 'remote',
  hybrid: 'hybrid',
  onsite: 'onsite',
  office: 'onsite',
  inoffice: 'onsite',
  inperson: 'onsite',
};
const EMPLOYMENT_WORDS: Record<string, string> = {
  fulltime: 'full_time',
  permanent: 'full_time',
  parttime: 'part_time',
  contract: 'contract',
  contractor: 'contract',
  freelance: 'freelance',
  internship: 'internship',
  intern: 'internship',
};
const word = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '');

function lookup(value: string, words: Record<string, string>): string {
  return words[word(value)] ?? value;
}

/** "120,000", "$120k", "120.000 €", "85.5k" → a whole number; null when it is not one. */
function money(value: string): number | null {
  if (value.includes('-')) return null;
  let cleaned = value.replace(/[^\d.,kK]/g, '');
  // Thousands separators: "120,000", "1.250.000" (a decimal part has 1-2 digits).
  cleaned = /^\d{1,3}([.,]\d{3})+$/.test(cleaned)
    ? cleaned.replace(/[.,]/g, '')
    : cleaned.replace(',', '.');
  const match = /^(\d+(?:\.\d+)?)([kK])?$/.exec(cleaned);
  if (!match) return null;
  return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
}

const appliedAt = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'Use a date like 2026-03-14 or 2026-03-14T09:30:00Z.',
  )
  .transform(
    (value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value.replace(' ', 'T')),
  )
  .refine((date) => !Number.isNaN(date.getTime()), 'That is not a real date.');

const matchScore = z
  .number({ error: 'The match score is a number from 0 to 100.' })
  .int('The match score is a whole number.')
  .min(0, 'The match score is at least 0.')
  .max(100, 'The match score is at most 100.');

export type CsvApplication = z.output<typeof createApplicationInput> & {
  appliedAt: Date | null;
  matchScore: number | null;
};

export interface CheckedRow {
  /** The row number a spreadsheet shows (the header is row 1); in a JSON list, 1 for the first. */
  row: number;
  values: CsvApplication | null;
  errors: string[];
  /** Skipped on import: same job URL as an earlier row, or as a tracked application. */
  duplicateOf: 'earlier-row' | 'existing' | null;
}

/** One field of one record as text; undefined when it is empty or not imported. */
export type FieldReader = (field: CsvField) => string | undefined;

/** A problem with one field of a record (null: the record as a whole). */
export interface FieldProblem {
  field: CsvField | null;
  message: string;
}

/** Reads a spreadsheet row through the column mapping. */
function cellReader(cells: string[], mapping: CsvMapping): FieldReader {
  return (field) => {
    const index = mapping[field];
    if (index === null || index === undefined) return undefined;
    const value = unguardCell((cells[index] ?? '').trim());
    return value === '' ? undefined : value;
  };
}

/**
 * Checks one record by the app's own rules, whatever file it came from;
 * `problems` are ones the reader already found (a value of the wrong type).
 */
export function checkRecord(
  raw: FieldReader,
  row: number,
  found: readonly FieldProblem[] = [],
): CheckedRow {
  const problems = [...found];
  const fail = (field: CsvField | null, message: string) => problems.push({ field, message });
  const number = (field: 'salaryMin' | 'salaryMax') => {
    const value = raw(field);
    if (value === undefined) return undefined;
    const amount = money(value);
    if (amount === null) fail(field, 'Use a number like 85000 or 85k.');
    return amount ?? undefined;
  };
  // Read first: an applied date in a spreadsheet's form, then checked (not in
  // the future) by the same schema as the form's.
  const applied = raw('appliedAt');
  const appliedParsed = applied === undefined ? null : appliedAt.safeParse(applied);
  if (appliedParsed && !appliedParsed.success) {
    fail('appliedAt', appliedParsed.error.issues[0]!.message);
  }
  const candidate = {
    companyName: raw('companyName') ?? '',
    roleTitle: raw('roleTitle') ?? '',
    stage: raw('stage') && lookup(raw('stage')!, STAGE_WORDS),
    priority: raw('priority')?.toLowerCase(),
    location: raw('location'),
    workArrangement: raw('workArrangement') && lookup(raw('workArrangement')!, ARRANGEMENT_WORDS),
    employmentType: raw('employmentType') && lookup(raw('employmentType')!, EMPLOYMENT_WORDS),
    salaryMin: number('salaryMin'),
    salaryMax: number('salaryMax'),
    salaryCurrency: raw('salaryCurrency'),
    jobUrl: raw('jobUrl'),
    source: raw('source'),
    followUpOn: raw('followUpOn')?.slice(0, 10),
    notes: raw('notes'),
    jobDescription: raw('jobDescription') ?? MISSING_DESCRIPTION,
    appliedAt: appliedParsed?.success ? appliedParsed.data : undefined,
    rejectionReason: raw('rejectionReason'),
  };
  const parsed = createApplicationInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      fail((issue.path[0] as CsvField | undefined) ?? null, issue.message);
    }
  }
  const score = raw('matchScore');
  const scoreParsed = score === undefined ? null : matchScore.safeParse(Number(score));
  if (scoreParsed && !scoreParsed.success) {
    fail('matchScore', scoreParsed.error.issues[0]!.message);
  }
  // Reported in the order of the columns a person maps, whatever order the checks ran in.
  const order = (field: CsvField | null) => (field ? CSV_FIELDS.indexOf(field) : -1);
  const errors = problems
    .sort((a, b) => order(a.field) - order(b.field))
    .map(({ field, message }) => (field ? `${FIELD_LABELS[field]}: ${message}` : message));
  if (!parsed.success || errors.length > 0) return { row, values: null, errors, duplicateOf: null };
  return {
    row,
    values: {
      ...parsed.data,
      appliedAt: parsed.data.appliedAt ?? null,
      matchScore: scoreParsed?.success ? scoreParsed.data : null,
    },
    errors,
    duplicateOf: null,
  };
}

export interface CsvCheck {
  headers: string[];
  mapping: CsvMapping;
  suggestedMapping: CsvMapping;
  /** Problems with the file or mapping as a whole (no row to point at). */
  fileErrors: string[];
  rows: CheckedRow[];
  summary: { rows: number; valid: number; invalid: number; duplicates: number };
}

/** Reads, maps and checks every row (duplicates are marked by markDuplicates). */
export function checkCsv(csv: string, requested: CsvMapping | undefined): CsvCheck {
  let records: string[][];
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return emptyCheck([`Row ${error.row}: ${error.message}`]);
  }
  const headers = (records[0] ?? []).map((h) => h.trim());
  const suggestedMapping = suggestMapping(headers);
  const mapping: CsvMapping = {
    ...Object.fromEntries(CSV_FIELDS.map((f) => [f, null])),
    ...(requested ?? suggestedMapping),
  };
  const fileErrors: string[] = [];
  if (records.length === 0)
    fileErrors.push('The file is empty: it needs a header row and at least one row.');
  else if (records.length === 1)
    fileErrors.push('The file has a header row but no rows to import.');
  if (records.length - 1 > MAX_ROWS) {
    fileErrors.push(`Import at most ${MAX_ROWS.toLocaleString('en')} rows at a time.`);
  }
  for (const field of REQUIRED) {
    if (mapping[field] === null || mapping[field] === undefined) {
      fileErrors.push(`Choose the column that holds ${FIELD_LABELS[field]}.`);
    }
  }
  for (const field of CSV_FIELDS) {
    const index = mapping[field];
    if (index !== null && index !== undefined && index >= headers.length) {
      fileErrors.push(
        `${FIELD_LABELS[field]} is mapped to column ${index + 1}, but the file has ${headers.length}.`,
      );
    }
  }
  if (fileErrors.length) return { ...emptyCheck(fileErrors), headers, mapping, suggestedMapping };
  const rows = records.slice(1).map((cells, i) => checkRecord(cellReader(cells, mapping), i + 2));
  return { headers, mapping, suggestedMapping, fileErrors, rows, summary: summarise(rows) };
}

/** Counts of checked rows (duplicates are counted by markDuplicates). */
export function summarise(rows: CheckedRow[]): CsvCheck['summary'] {
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { rows: rows.length, valid: rows.length - invalid, invalid, duplicates: 0 };
}

/**
 * Marks rows whose job URL the user already tracks, or that repeat an earlier
 * row's; import skips them. Rows without a URL are never duplicates.
 */
export function markDuplicates(check: CsvCheck, trackedUrls: ReadonlySet<string>): CsvCheck {
  const seen = new Set<string>();
  for (const row of check.rows) {
    const url = row.values?.jobUrl;
    if (!url) continue;
    if (trackedUrls.has(url)) row.duplicateOf = 'existing';
    else if (seen.has(url)) row.duplicateOf = 'earlier-row';
    seen.add(url);
  }
  check.summary.duplicates = check.rows.filter((r) => r.duplicateOf).length;
  return check;
}

export function emptyCheck(fileErrors: string[]): CsvCheck {
  return {
    headers: [],
    mapping: {},
    suggestedMapping: {},
    fileErrors,
    rows: [],
    summary: { rows: 0, valid: 0, invalid: 0, duplicates: 0 },
  };
}

/** The job URLs among `urls` that the user already tracks. */
export async function trackedUrls(tx: Tx, userId: string, urls: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < urls.length; i += 1000) {
    const rows = await tx
      .select({ url: applications.jobUrl })
      .from(applications)
      .where(
        and(
          eq(applications.userId, userId),
          isNotNull(applications.jobUrl),
          inArray(applications.jobUrl, urls.slice(i, i + 1000)),
        ),
      );
    for (const row of rows) if (row.url) found.add(row.url);
  }
  return found;
}

/** Every job URL in the checked rows. */
export function urlsIn(check: CsvCheck): string[] {
  return [...new Set(check.rows.map((r) => r.values?.jobUrl).filter((u): u is string => !!u))];
}

/**
 * The refusal for a file with problems: every record's errors, keyed "row N"
 * (a spreadsheet's row) or "application N" (the Nth in a JSON list).
 */
export function csvRejection(check: CsvCheck, unit: 'row' | 'application' = 'row') {
  const issues: Issue[] = [
    ...check.fileErrors.map((message) => ({ path: 'file', message })),
    ...check.rows.flatMap((r) =>
      r.errors.map((message) => ({ path: `${unit} ${r.row}`, message })),
    ),
  ];
  const bad = check.rows.filter((r) => r.errors.length).length;
  return rejectImport(
    issues,
    check.fileErrors.length
      ? check.fileErrors[0]!
      : `${bad} ${unit}${bad === 1 ? ' has' : 's have'} errors, so nothing was imported.`,
  );
}

/**
 * Inserts the non-duplicate rows. A job URL added by another request since the
 * check is skipped by ON CONFLICT and counted as a duplicate too.
 */
export async function insertCsvRows(tx: Tx, userId: string, check: CsvCheck) {
  const rows = check.rows.filter((r) => !r.duplicateOf).map((r) => r.values!);
  const companies = new Map<string, string>();
  for (const row of rows) {
    const key = row.companyName.toLowerCase();
    if (!companies.has(key)) companies.set(key, await companyIdFor(tx, row.companyName));
  }
  // New cards go to the end of their stage's column, in file order.
  const positions = new Map<Stage, string[]>();
  for (const stage of STAGES) {
    const count = rows.filter((r) => r.stage === stage).length;
    if (count === 0) continue;
    const [last] = await tx
      .select({ last: max(applications.position) })
      .from(applications)
      .where(and(eq(applications.userId, userId), eq(applications.stage, stage)));
    positions.set(stage, generateNKeysBetween(last?.last ?? null, null, count));
  }
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map(({ companyName, ...fields }) => ({
      ...fields,
      userId,
      companyId: companies.get(companyName.toLowerCase())!,
      companyName,
      position: positions.get(fields.stage)!.shift()!,
    }));
    const done = await tx
      .insert(applications)
      .values(batch)
      .onConflictDoNothing({
        target: [applications.userId, applications.jobUrl],
        where: sql`${applications.jobUrl} is not null`,
      })
      .returning({ id: applications.id });
    inserted += done.length;
  }
  return { imported: inserted, skippedDuplicates: check.rows.length - inserted };
}
