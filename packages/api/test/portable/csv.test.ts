// CSV reading and writing as spreadsheets need it (unit), and the column
// mapping suggested from a header row. Importing through the router is in
// test/router/portable.test.ts.
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  csvLine,
  CsvError,
  detectDelimiter,
  parseCsv,
  unguardCell,
} from '../../src/portable/csv';
import { suggestMapping } from '../../src/portable/csv-mapping';

describe('reading CSV (RFC 4180)', () => {
  it('splits fields on commas and records on CRLF or LF', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('a quoted field may hold commas, line breaks and doubled quotes', () => {
    expect(parseCsv('name,notes\r\n"Acme, Inc.","line one\r\nline two ""quoted"""\r\n')).toEqual([
      ['name', 'notes'],
      ['Acme, Inc.', 'line one\r\nline two "quoted"'],
    ]);
  });

  it('empty fields, an empty quoted field and a missing final line end are kept right', () => {
    expect(parseCsv('a,,"",d\n,x,,')).toEqual([
      ['a', '', '', 'd'],
      ['', 'x', '', ''],
    ]);
  });

  it('blank lines are skipped and a UTF-8 byte-order mark is dropped', () => {
    expect(parseCsv('\ufeffh1,h2\n\n1,2\r\n\r\n')).toEqual([
      ['h1', 'h2'],
      ['1', '2'],
    ]);
  });

  it('semicolon and tab files are recognised from the header', () => {
    expect(detectDelimiter('Firma;Rolle;"a,b"\n1;2;3')).toBe(';');
    expect(parseCsv('Firma;Rolle\nAcme;"Dev; Ops"')).toEqual([
      ['Firma', 'Rolle'],
      ['Acme', 'Dev; Ops'],
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('an unclosed quote and text after a closing quote are errors naming the record', () => {
    expect(() => parseCsv('a,b\n1,"open')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,"x"y\n');
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError);
      expect((error as CsvError).row).toBe(2);
    }
  });
});

describe('writing CSV', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 42])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",,42\r\n',
    );
  });

  it.each(['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tcmd'])(
    'a cell starting like a formula (%j) is written as text and reads back unchanged',
    (value) => {
      const cell = csvCell(value);
      expect(cell.replace(/^"|"$/g, '').startsWith("'")).toBe(true);
      expect(unguardCell(parseCsv(`h\n${cell}`)[1]![0]!)).toBe(value);
    },
  );

  it('numbers are not guarded (a negative amount stays a number)', () => {
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('column mapping', () => {
  it('suggests a column for each field from common header names', () => {
    const mapping = suggestMapping([
      'Company Name',
      'Job Title',
      'Status',
      'Link',
      'Date Applied',
      'Salary',
      'Comments',
    ]);
    expect(mapping).toMatchObject({
      companyName: 0,
      roleTitle: 1,
      stage: 2,
      jobUrl: 3,
      appliedAt: 4,
      salaryMin: 5,
      notes: 6,
      priority: null,
    });
  });
});
