/** One CSV record and the 1-based physical line it starts on, so problems can be reported where an editor shows them. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvParseResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; line: number; message: string };

/**
 * RFC 4180 records: comma-separated fields, CRLF or LF line ends, double-quoted fields that may hold commas,
 * line breaks and doubled quotes. A leading byte-order mark is dropped (spreadsheet exports carry one).
 * Blank lines are skipped: exports often end with several.
 */
export function parseCsv(text: string): CsvParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < source.length) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === ',') {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      line += 1;
      recordLine = line;
    } else if (afterQuote) {
      return { ok: false, line, message: `unexpected character after a closing quote` };
    } else if (ch === '"') {
      if (field !== '') return { ok: false, line, message: 'a quote inside an unquoted field' };
      quoted = true;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted field is not closed' };
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return { ok: true, records };
}
