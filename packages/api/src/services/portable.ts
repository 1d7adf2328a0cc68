// Data in and out in standard formats, as one user: JSON Resume (export,
// preview, import in merge or replace mode) and applications from CSV or JSON
// (preview, import; one check and one insert for both). The parsers and planners in src/portable are pure; this
// is where they meet the database. An import with any problem changes nothing.
import type { Tx } from '@pursuit/db';
import {
  checkCsv,
  csvRejection,
  insertCsvRows,
  markDuplicates,
  trackedUrls,
  urlsIn,
  type CsvCheck,
} from '../portable/csv-import';
import { checkApplicationsJson } from '../portable/json-import';
import { CSV_FIELDS, FIELD_LABELS, type CsvMapping } from '../portable/csv-mapping';
import { rejectImport } from '../portable/issues';
import { parseJsonResume } from '../portable/json-resume/from-json-resume';
import { readResumeData } from '../portable/json-resume/model';
import { applyImport, planImport, type ImportMode } from '../portable/json-resume/plan';
import { toJsonResume } from '../portable/json-resume/to-json-resume';

export async function exportJsonResume(tx: Tx, userId: string) {
  return toJsonResume(await readResumeData(tx, userId));
}

/** What importing `document` would change, section by section; writes nothing. */
export async function previewJsonResume(
  tx: Tx,
  userId: string,
  input: { document: unknown; mode: ImportMode },
) {
  const parsed = parseJsonResume(input.document);
  if (parsed.issues.length) {
    return {
      valid: false as const,
      issues: parsed.issues,
      warnings: parsed.warnings,
      mode: input.mode,
      sections: [],
      basicsChanges: [],
    };
  }
  const plan = planImport(input.mode, await readResumeData(tx, userId), parsed.incoming);
  return {
    valid: true as const,
    issues: [],
    warnings: parsed.warnings,
    mode: plan.mode,
    sections: plan.sections,
    basicsChanges: plan.basicsChanges,
  };
}

export async function importJsonResume(
  tx: Tx,
  userId: string,
  input: { document: unknown; mode: ImportMode },
) {
  const parsed = parseJsonResume(input.document);
  if (parsed.issues.length) {
    throw rejectImport(parsed.issues, 'The file is not a valid JSON Resume; nothing was imported.');
  }
  const plan = planImport(input.mode, await readResumeData(tx, userId), parsed.incoming);
  await applyImport(tx, userId, plan);
  return { mode: plan.mode, sections: plan.sections, warnings: parsed.warnings };
}

/** Marks the checked rows whose job URL the user already tracks. */
async function withDuplicates(tx: Tx, userId: string, check: CsvCheck) {
  return markDuplicates(check, await trackedUrls(tx, userId, urlsIn(check)));
}

function preview(check: CsvCheck) {
  return {
    ...check,
    fields: CSV_FIELDS.map((field) => ({ field, label: FIELD_LABELS[field] })),
  };
}

/** All valid records in one go, or, if any is invalid, nothing. */
async function importChecked(tx: Tx, userId: string, check: CsvCheck, unit: 'row' | 'application') {
  if (check.fileErrors.length || check.summary.invalid > 0) throw csvRejection(check, unit);
  const result = await insertCsvRows(tx, userId, check);
  return { rows: check.summary.rows, ...result };
}

export async function previewCsv(
  tx: Tx,
  userId: string,
  input: { csv: string; mapping?: CsvMapping | undefined },
) {
  return preview(await withDuplicates(tx, userId, checkCsv(input.csv, input.mapping)));
}

export async function importCsv(
  tx: Tx,
  userId: string,
  input: { csv: string; mapping: CsvMapping },
) {
  const check = await withDuplicates(tx, userId, checkCsv(input.csv, input.mapping));
  return importChecked(tx, userId, check, 'row');
}

/** What importing a JSON list of applications would do; writes nothing. */
export async function previewApplicationsJson(tx: Tx, userId: string, input: { text: string }) {
  return preview(await withDuplicates(tx, userId, checkApplicationsJson(input.text)));
}

export async function importApplicationsJson(tx: Tx, userId: string, input: { text: string }) {
  const check = await withDuplicates(tx, userId, checkApplicationsJson(input.text));
  return importChecked(tx, userId, check, 'application');
}
