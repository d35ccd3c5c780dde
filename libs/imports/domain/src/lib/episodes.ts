import { isValidDate, isValidId, type IsoDate } from '@ledger/kernel';
import { parseCsv } from './csv';
import {
  CIN_CODES,
  LS_CODES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REC_CODES,
  RNE_CODES,
  isKnownCode,
  type CodeList,
} from './code-lists';

/** A problem with the file or one of its rows, where an editor would show it. */
export interface ImportIssue {
  line: number;
  column: string;
  code: ImportIssueCode;
  message: string;
}

export type ImportIssueCode =
  | 'MALFORMED_CSV'
  | 'MISSING_COLUMN'
  | 'FIELD_COUNT'
  | 'MISSING_VALUE'
  | 'UNKNOWN_CODE'
  | 'INVALID_DATE'
  | 'INVALID_DATES'
  | 'INVALID_ID'
  | 'INVALID_YEAR'
  | 'OVERLAP';

/**
 * One episode of care as the import uses it. Only these fields are kept: the personal columns of a return
 * (postcodes, and whatever else a file carries) are never read into memory past the CSV parser.
 */
export interface Episode {
  line: number;
  child: string;
  decom: IsoDate;
  /** `null` while the episode is open. */
  dec: IsoDate | null;
  /** Only for an ended episode: the reason on an open one is a forecast, and ignored. */
  rec: string | null;
  place: string;
  rne: string;
  ls: string;
  cin: string;
  placeProvider: string;
  urn: string;
}

export interface EpisodeSelection {
  /** Only this authority's rows, by the `LA` column (case-insensitive). */
  la?: string;
  /** Only episodes in these settings, by `URN`. */
  urns?: readonly string[];
}

export interface EpisodesRead {
  /** Problems that stop the whole file (unreadable CSV, a missing column). */
  fileErrors: ImportIssue[];
  /** Valid episodes, one per (`CHILD`, `DECOM`), the latest return's copy. */
  episodes: Episode[];
  /** Problems with single rows. */
  rowIssues: ImportIssue[];
  rowsRead: number;
  rowsSelected: number;
  /** Copies of an episode that a later return repeated. */
  rowsSuperseded: number;
}

const NEEDED = ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'URN'] as const;
type Column = (typeof NEEDED)[number] | 'LA' | 'YEAR';

const CODED: readonly [Column, CodeList][] = [
  ['RNE', RNE_CODES],
  ['LS', LS_CODES],
  ['CIN', CIN_CODES],
  ['PLACE', PLACE_CODES],
  ['PLACE_PROVIDER', PLACE_PROVIDER_CODES],
];

const YEAR_PATTERN = /^\d{4}$/;

/** The ledger id of the placement a chain of episodes becomes: stable across returns, so a re-import finds it. */
export function placementIdFor(child: string, decom: IsoDate): string {
  return `SSDA-${child}-${decom}`;
}

interface RawRow {
  line: number;
  values: Partial<Record<Column, string>>;
  year: number;
}

/**
 * Reads an SSDA903 episodes file: the selected authority and settings, one copy of each episode (the latest
 * `YEAR` wins; within one return, the later line), each checked against the code lists.
 */
export function readEpisodes(csvText: string, selection: EpisodeSelection = {}, onProgress?: (rowsDone: number, rowsTotal: number) => void): EpisodesRead {
  const empty = { episodes: [], rowIssues: [], rowsRead: 0, rowsSelected: 0, rowsSuperseded: 0 };
  const parsed = parseCsv(csvText);
  if (!parsed.ok) return { ...empty, fileErrors: [{ line: parsed.line, column: '', code: 'MALFORMED_CSV', message: parsed.message }] };
  const [header, ...records] = parsed.records;
  if (!header) return { ...empty, fileErrors: [{ line: 1, column: '', code: 'MISSING_COLUMN', message: 'the file is empty' }] };

  const names = header.fields.map((name) => name.trim().toUpperCase());
  const required: Column[] = [...NEEDED, ...(selection.la !== undefined ? (['LA'] as const) : [])];
  const missing = required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return {
      ...empty,
      fileErrors: missing.map((column) => ({ line: header.line, column, code: 'MISSING_COLUMN' as const, message: `the header has no ${column} column` })),
    };
  }
  const indexOf = new Map<Column, number>();
  for (const column of [...NEEDED, 'LA', 'YEAR'] as Column[]) {
    const index = names.indexOf(column);
    if (index >= 0) indexOf.set(column, index);
  }

  const rowIssues: ImportIssue[] = [];
  const latest = new Map<string, RawRow>();
  let rowsSelected = 0;
  let rowsSuperseded = 0;
  const wantedLa = selection.la?.trim().toLowerCase();

  records.forEach((record, index) => {
    if (onProgress && (index + 1) % 1000 === 0) onProgress(index + 1, records.length);
    if (record.fields.length !== header.fields.length) {
      rowIssues.push({
        line: record.line,
        column: record.fields.length < header.fields.length ? (names[record.fields.length] ?? '') : `#${header.fields.length + 1}`,
        code: 'FIELD_COUNT',
        message: `the row has ${record.fields.length} fields, the header ${header.fields.length}`,
      });
      return;
    }
    // Only the episode's own columns are copied out of the record; everything else stays behind here.
    const values: Partial<Record<Column, string>> = {};
    for (const [column, at] of indexOf) values[column] = record.fields[at].trim();
    if (wantedLa !== undefined && values.LA?.toLowerCase() !== wantedLa) return;
    rowsSelected += 1;

    let year = 0;
    if (values.YEAR !== undefined && values.YEAR !== '') {
      if (!YEAR_PATTERN.test(values.YEAR)) {
        rowIssues.push({ line: record.line, column: 'YEAR', code: 'INVALID_YEAR', message: `YEAR "${values.YEAR}" is not a four-digit year` });
        return;
      }
      year = Number(values.YEAR);
    }
    const key = `${values.CHILD}\u0000${values.DECOM}`;
    const previous = latest.get(key);
    if (previous) rowsSuperseded += 1;
    if (!previous || year >= previous.year) latest.set(key, { line: record.line, values, year });
  });
  onProgress?.(records.length, records.length);

  const episodes: Episode[] = [];
  for (const row of latest.values()) {
    const issues = checkRow(row);
    if (issues.length > 0) {
      rowIssues.push(...issues);
      continue;
    }
    const v = row.values as Record<Column, string>;
    if (selection.urns && !selection.urns.includes(v.URN)) continue;
    episodes.push({
      line: row.line,
      child: v.CHILD,
      decom: v.DECOM,
      dec: v.DEC === '' ? null : v.DEC,
      rec: v.DEC === '' ? null : v.REC,
      place: v.PLACE,
      rne: v.RNE,
      ls: v.LS,
      cin: v.CIN,
      placeProvider: v.PLACE_PROVIDER,
      urn: v.URN,
    });
  }
  const columnOrder = (column: string) => (NEEDED as readonly string[]).indexOf(column);
  rowIssues.sort((a, b) => a.line - b.line || columnOrder(a.column) - columnOrder(b.column));
  episodes.sort((a, b) => compareText(a.child, b.child) || compareText(a.decom, b.decom));
  return { fileErrors: [], episodes, rowIssues, rowsRead: records.length, rowsSelected, rowsSuperseded };
}

function checkRow(row: RawRow): ImportIssue[] {
  const v = row.values as Record<Column, string>;
  const issues: ImportIssue[] = [];
  const issue = (column: Column, code: ImportIssueCode, message: string) => issues.push({ line: row.line, column, code, message });

  if (v.CHILD === '') issue('CHILD', 'MISSING_VALUE', 'CHILD is empty');
  else if (!isValidId(v.CHILD) || !isValidId(placementIdFor(v.CHILD, '2000-01-01'))) {
    issue('CHILD', 'INVALID_ID', `CHILD "${v.CHILD}" cannot be a ledger id (letters, digits, '.', '_', '-', at most 48 characters)`);
  }
  if (!isValidDate(v.DECOM)) issue('DECOM', v.DECOM === '' ? 'MISSING_VALUE' : 'INVALID_DATE', `DECOM "${v.DECOM}" is not a date (YYYY-MM-DD)`);
  for (const [column, list] of CODED) {
    if (v[column] === '') issue(column, 'MISSING_VALUE', `${column} is empty`);
    else if (!isKnownCode(list, v[column])) issue(column, 'UNKNOWN_CODE', `${column} "${v[column]}" is not an SSDA903 code`);
  }
  if (v.DEC !== '') {
    if (!isValidDate(v.DEC)) issue('DEC', 'INVALID_DATE', `DEC "${v.DEC}" is not a date (YYYY-MM-DD)`);
    else if (isValidDate(v.DECOM) && v.DEC <= v.DECOM) issue('DEC', 'INVALID_DATES', `DEC ${v.DEC} is not after DECOM ${v.DECOM}`);
    if (v.REC === '') issue('REC', 'MISSING_VALUE', 'REC is empty on an ended episode');
    else if (!isKnownCode(REC_CODES, v.REC)) issue('REC', 'UNKNOWN_CODE', `REC "${v.REC}" is not an SSDA903 code`);
  }
  return issues;
}

/** Strings ordered by UTF-16 code units, never by locale, so the plan is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
