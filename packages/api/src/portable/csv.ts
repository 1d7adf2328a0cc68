// CSV as spreadsheets save it, read with csv-parse and written with
// csv-stringify: quoted fields, "" for a quote inside one, CRLF, LF or CR
// line ends (mixed too), line breaks inside quoted fields, a UTF-8 byte-order
// mark, a last line without a line end. What the libraries do not decide is
// ours: the delimiter (comma, semicolon or tab, detected from the header, as
// csv-parse takes one it is given), messages a person can act on, and the
// formula guard on cells we write.
import { CsvError as ParseError, parse, type Options as ParseOptions } from 'csv-parse/sync';
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';

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

/** csv-parse's error codes, in words that say what to fix. */
const READ_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'A quoted field is never closed (a " is missing).',
  CSV_INVALID_CLOSING_QUOTE: 'Text follows a closing quote; inside quotes, write a quote as "".',
  INVALID_OPENING_QUOTE:
    'A quote appears inside a field that does not start with one; quote the whole field and write the quote as "".',
};

/**
 * Every record of `text` as an array of fields. Blank lines are skipped.
 * A quote opening a field must close before the next delimiter or line end.
 */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): string[][] {
  try {
    const options: ParseOptions = {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
    };
    const records = parse(text, options);
    // A line holding only "" is as blank as an empty one.
    return records.filter((record) => !(record.length === 1 && record[0] === ''));
  } catch (error) {
    if (error instanceof ParseError) {
      throw new CsvError(
        READ_ERRORS[error.code] ?? 'The file is not valid CSV.',
        Number(error.records) + 1,
      );
    }
    throw error;
  }
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

type Cell = string | number | null | undefined;

const WRITE: StringifyOptions = {
  record_delimiter: 'windows',
  // csv-stringify quotes delimiters and quotes; line breaks and edge spaces too.
  quoted_match: [/[\r\n]/, /^\s|\s$/],
  cast: {
    // Text a spreadsheet would run as a formula gets a leading apostrophe
    // (shown as text, dropped again by our importer). Numbers stay numbers.
    string: (value) => (FORMULA_START.test(value) ? `'${value}` : value),
  },
};

/** CSV lines for `rows`, each ending CRLF. */
export function csvLines(rows: Cell[][]): string {
  return stringify(rows, WRITE);
}

export function csvLine(values: Cell[]): string {
  return csvLines([values]);
}

/** One cell as csvLine writes it. */
export function csvCell(value: Cell): string {
  return csvLine([value]).slice(0, -2);
}

/** Undoes the formula guard on import. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
