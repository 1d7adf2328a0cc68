// Applications from JSON: Pursuit's own "export everything" file (its
// `applications` list; stage history, interviews and the rest are not
// imported, the applied date is) or a bare list of objects keyed by the CSV
// field names. Each object goes through the CSV import's record check and
// insert (csv-import.ts), so both formats obey exactly the same rules.
import {
  checkRecord,
  emptyCheck,
  MAX_ROWS,
  summarise,
  type CheckedRow,
  type CsvCheck,
  type FieldProblem,
  type FieldReader,
} from './csv-import';
import { CSV_FIELDS, FIELD_LABELS, REQUIRED, suggestMapping } from './csv-mapping';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The list of applications in `document`, or null when it holds none we know. */
function applicationList(document: unknown): unknown[] | null {
  const list: unknown = isObject(document) ? document.applications : document;
  return Array.isArray(list) ? (list as unknown[]) : null;
}

/** Text for a field: strings trimmed, numbers and booleans written out, empty as undefined. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Each object is read by its own keys, as a spreadsheet by its header row. */
function checkObject(item: unknown, row: number): CheckedRow {
  if (!isObject(item)) {
    return checkRecord(() => undefined, row, [
      {
        field: null,
        message:
          'Each application is an object, like {"companyName": "Acme", "roleTitle": "Engineer"}.',
      },
    ]);
  }
  const keys = Object.keys(item);
  const mapping = suggestMapping(keys);
  const valueOf = (field: (typeof CSV_FIELDS)[number]) => {
    const index = mapping[field];
    return index === null || index === undefined ? undefined : item[keys[index]!];
  };
  const problems: FieldProblem[] = [];
  for (const field of CSV_FIELDS) {
    const value = valueOf(field);
    if (typeof value === 'object' && value !== null) {
      problems.push({ field, message: 'Use text or a number here, not a list or an object.' });
    }
  }
  const read: FieldReader = (field) => asText(valueOf(field));
  return checkRecord(read, row, problems);
}

/**
 * Reads and checks every application in a JSON file (duplicates are marked by
 * markDuplicates). An object's keys act as a header row: "companyName" or
 * "Company" both fill the company. `headers` and `mapping` describe the keys
 * seen across the file, for the preview.
 */
export function checkApplicationsJson(text: string): CsvCheck {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return emptyCheck([
      `The file is not valid JSON (${(error as Error).message.replace(/\.$/, '')}). Export it again or check it in a JSON validator.`,
    ]);
  }
  const list = applicationList(document);
  if (!list) {
    return emptyCheck([
      'The file holds no list of applications: use Pursuit’s “export everything” file, or a list of objects with fields like companyName and roleTitle.',
    ]);
  }
  if (list.length === 0) return emptyCheck(['The file has no applications to import.']);
  if (list.length > MAX_ROWS) {
    return emptyCheck([`Import at most ${MAX_ROWS.toLocaleString('en')} applications at a time.`]);
  }
  const headers = [...new Set(list.flatMap((item) => (isObject(item) ? Object.keys(item) : [])))];
  const mapping = suggestMapping(headers);
  const fileErrors = REQUIRED.filter((field) => mapping[field] === null).map(
    (field) => `No application has ${FIELD_LABELS[field]} (a "${field}" field).`,
  );
  if (fileErrors.length) {
    return { ...emptyCheck(fileErrors), headers, mapping, suggestedMapping: mapping };
  }
  const rows = list.map((item, i) => checkObject(item, i + 1));
  return {
    headers,
    mapping,
    suggestedMapping: mapping,
    fileErrors,
    rows,
    summary: summarise(rows),
  };
}
