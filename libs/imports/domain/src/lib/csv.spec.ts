import { parseCsv, type CsvParseResult } from './csv';

const cases: { rule: string; text: string; then: CsvParseResult }[] = [
  {
    rule: 'records end with CRLF or LF and carry the line they start on',
    text: 'A,B\r\n1,2\n3,4',
    then: { ok: true, records: [{ line: 1, fields: ['A', 'B'] }, { line: 2, fields: ['1', '2'] }, { line: 3, fields: ['3', '4'] }] },
  },
  {
    rule: 'a leading byte-order mark is dropped',
    text: '\uFEFFCHILD,DECOM\r\n',
    then: { ok: true, records: [{ line: 1, fields: ['CHILD', 'DECOM'] }] },
  },
  {
    rule: 'quoted fields hold commas, doubled quotes and line breaks, and later lines are counted past them',
    text: 'A,B\r\n"x, y","say ""hi"""\r\n"two\r\nlines",z\r\nlast,row\r\n',
    then: {
      ok: true,
      records: [
        { line: 1, fields: ['A', 'B'] },
        { line: 2, fields: ['x, y', 'say "hi"'] },
        { line: 3, fields: ['two\r\nlines', 'z'] },
        { line: 5, fields: ['last', 'row'] },
      ],
    },
  },
  {
    rule: 'blank lines are skipped and empty fields kept',
    text: 'A,B,C\r\n\r\n1,,\r\n\r\n',
    then: { ok: true, records: [{ line: 1, fields: ['A', 'B', 'C'] }, { line: 3, fields: ['1', '', ''] }] },
  },
  { rule: 'an unclosed quote is malformed at the line its record starts', text: 'A\r\n"open\r\nstill', then: { ok: false, line: 2, message: 'a quoted field is not closed' } },
  { rule: 'text after a closing quote is malformed', text: 'A\r\n"x"y', then: { ok: false, line: 2, message: 'unexpected character after a closing quote' } },
  { rule: 'a quote inside an unquoted field is malformed', text: 'A\r\nx"y"', then: { ok: false, line: 2, message: 'a quote inside an unquoted field' } },
];

describe('parseCsv (RFC 4180)', () => {
  it.each(cases)('$rule', ({ text, then }) => {
    expect(parseCsv(text)).toEqual(then);
  });
});
