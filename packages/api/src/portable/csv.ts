// CSV as RFC 4180 writes it, read and written by hand (it is small): quoted
// fields, "" for a quote inside one, CRLF or LF line ends, line breaks inside
// quoted fields. Reading also accepts what spreadsheets really save: a UTF-8
// byte-order mark, a semicolon or tab delimiter (detected from the header),
// and a last line without a line end.

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based record number where reading failed. */
    readonly row: number,
  ) {
    super(message);
  }
}

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The delimiter that splits the header line most often (outside quotes). */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Delimiter)) {
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
    }
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Every record of `text` as an array of fields. Blank lines are skipped.
 * A quote opening a field must close before the next delimiter or line end.
 */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = input.length;

  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };

  while (i < n) {
    const char = input[i]!;
    if (char === '"' && field === '') {
      // A quoted field: read to the closing quote, "" standing for one quote.
      i += 1;
      for (;;) {
        if (i >= n) {
          throw new CsvError(
            'A quoted field is never closed (a " is missing).',
            records.length + 1,
          );
        }
        const c = input[i]!;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += c;
        i += 1;
      }
      const next = input[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new CsvError(
          'Text follows a closing quote; inside quotes, write a quote as "".',
          records.length + 1,
        );
      }
      continue;
    }
    if (char === delimiter) {
      record.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: text that a spreadsheet would run as a formula gets a leading
 * apostrophe (shown as text, dropped again by our importer), and a cell with
 * a delimiter, quote or line break is quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Undoes csvCell's formula guard on import. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
