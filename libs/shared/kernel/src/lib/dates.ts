/**
 * Business dates are `YYYY-MM-DD` strings with no time zone. Arithmetic goes through day
 * numbers since 1970-01-01 (UTC), never through local-time Date objects.
 */
export type IsoDate = string;
export type Period = string; // YYYY-MM

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_PATTERN = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isValidDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function isValidPeriod(value: unknown): value is Period {
  if (typeof value !== 'string') return false;
  const match = PERIOD_PATTERN.exec(value);
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toDayNumber(date: IsoDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new TypeError(`not a date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function periodOf(date: IsoDate): Period {
  return date.slice(0, 7);
}

export function firstDayOf(period: Period): IsoDate {
  return `${period}-01`;
}

export function lastDayOf(period: Period): IsoDate {
  const [year, month] = period.split('-').map(Number);
  return `${period}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function nextPeriod(period: Period): Period {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO-8601 instant with an explicit offset; anything else is not an instant. */
export function parseInstant(value: string): number | undefined {
  if (!INSTANT_PATTERN.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Last Sunday of a month, as a day number. */
function lastSunday(year: number, month: number): number {
  const last = toDayNumber(`${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`);
  const weekday = (last + 4) % 7; // 1970-01-01 was a Thursday (4)
  return last - weekday;
}

/**
 * The Europe/London calendar date at an instant: BST (UTC+1) from 01:00 UTC on the last Sunday
 * of March to 01:00 UTC on the last Sunday of October. Written out rather than asking the
 * platform's time-zone data so the same instant gives the same date on every machine.
 */
export function londonDate(instantMs: number): IsoDate {
  const year = new Date(instantMs).getUTCFullYear();
  const bstStart = lastSunday(year, 3) * MS_PER_DAY + 3_600_000;
  const bstEnd = lastSunday(year, 10) * MS_PER_DAY + 3_600_000;
  const offset = instantMs >= bstStart && instantMs < bstEnd ? 3_600_000 : 0;
  return new Date(instantMs + offset).toISOString().slice(0, 10);
}
