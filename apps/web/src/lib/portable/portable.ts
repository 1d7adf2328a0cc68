// Data in and out, on the browser's side: reading a chosen file, explaining
// an import preview in words, and saving a document as a download.
import type { CsvMapping, CsvPreview, JsonResumePreview } from '$lib/api/types';

type Section = JsonResumePreview['sections'][number];
type BasicsChange = JsonResumePreview['basicsChanges'][number];

export const SECTION_LABELS: Record<Section['section'], string> = {
  basics: 'Basics (name, headline, contact, links)',
  work: 'Work experience',
  education: 'Education',
  certificates: 'Certificates',
  projects: 'Projects',
  skills: 'Skills',
};

export const BASICS_LABELS: Record<BasicsChange['field'], string> = {
  firstName: 'First name',
  lastName: 'Last name',
  headline: 'Headline',
  summary: 'Summary',
  email: 'Email',
  phone: 'Phone',
  location: 'Location',
  links: 'Links',
};

/** Files larger than this are refused before reading (the API's own limits are lower). */
export const MAX_FILE_BYTES = 5_000_000;

/** The file's text, or a message saying why it cannot be used. */
export async function readTextFile(file: File): Promise<{ text: string } | { error: string }> {
  if (file.size > MAX_FILE_BYTES) {
    return { error: `“${file.name}” is larger than 5 MB. Choose a smaller file.` };
  }
  try {
    return { text: await file.text() };
  } catch {
    return { error: `“${file.name}” could not be read. Choose the file again.` };
  }
}

/** JSON.parse with a message a person can act on. */
export function parseJsonFile(text: string, name: string): { value: unknown } | { error: string } {
  if (!text.trim()) return { error: `“${name}” is empty.` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      error: `“${name}” is not valid JSON (${detail}). Export it again from the tool it came from, or check it in a JSON validator.`,
    };
  }
}

/** "3 added, 1 updated, 2 removed" — or why nothing changes. */
export function describeSection(section: Section): string {
  if (!section.inFile) return 'Not in the file: left as it is';
  const parts: string[] = [];
  if (section.add) parts.push(`${section.add} added`);
  if (section.update)
    parts.push(`${section.update} ${section.section === 'basics' ? 'changed' : 'updated'}`);
  if (section.remove) parts.push(`${section.remove} removed`);
  if (section.unchanged) parts.push(`${section.unchanged} unchanged`);
  return parts.length ? parts.join(', ') : 'Nothing to change';
}

/** A basics value as text for the preview: lists of links by label. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (items.length === 0) return 'none';
    return items.map(describeItem).join(', ');
  }
  return describeItem(value);
}

function describeItem(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (item && typeof item === 'object' && 'label' in item && typeof item.label === 'string') {
    return item.label;
  }
  return JSON.stringify(item);
}

/** Whether applying the preview changes anything at all. */
export function previewChangesSomething(preview: JsonResumePreview): boolean {
  return preview.sections.some((s) => s.add > 0 || s.update > 0 || s.remove > 0);
}

type CheckedRow = CsvPreview['rows'][number];

/** What an applications import (CSV or JSON) previews: the rows as they would be imported. */
export type RowsPreview = Pick<CsvPreview, 'rows' | 'summary' | 'fileErrors'>;

/** What the preview table says about a row. */
export function rowStatus(row: CheckedRow): 'error' | 'duplicate' | 'ok' {
  if (row.errors.length > 0) return 'error';
  if (row.duplicateOf) return 'duplicate';
  return 'ok';
}

/** A mapping with every field present (null for "not imported"). */
export function fullMapping(preview: CsvPreview): CsvMapping {
  const mapping: CsvMapping = {};
  for (const { field } of preview.fields) mapping[field] = preview.mapping[field] ?? null;
  return mapping;
}

/** The rows a preview table shows: the first `limit`, plus every row with a problem. */
export function rowsToShow(rows: CheckedRow[], limit = 20): CheckedRow[] {
  return rows.filter((row, index) => index < limit || row.errors.length > 0);
}
