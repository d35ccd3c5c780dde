/** One measured figure, beside the ceiling measured in the same run where one applies. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  ceiling?: number;
  /** value / ceiling (rates) */
  ratio?: number;
  /** e.g. ">= 0.6 of plain", "<= 50 ms" */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface Unavailable {
  section: string;
  reason: string;
}

export class Figures {
  readonly all: Figure[] = [];
  readonly unavailable: Unavailable[] = [];

  add(figure: Figure): Figure {
    this.all.push(figure);
    process.stderr.write(`  ${figure.section} / ${figure.name}: ${format(figure.value)} ${figure.unit}${figure.ceiling === undefined ? '' : ` (plain ${format(figure.ceiling)}, ${pct(figure.ratio)})`}\n`);
    return figure;
  }

  /** A rate beside its plain-SQL ceiling, with a ratio target. */
  rate(section: string, name: string, value: number, ceiling: number, minRatio: number | undefined, note?: string): Figure {
    const ratio = value / ceiling;
    return this.add({
      section,
      name,
      value,
      unit: 'events/s',
      ceiling,
      ratio,
      ...(minRatio === undefined ? {} : { target: `>= ${Math.round(minRatio * 100)}% of plain`, met: ratio >= minRatio }),
      ...(note === undefined ? {} : { note }),
    });
  }

  missing(section: string, reason: string): void {
    this.unavailable.push({ section, reason });
    process.stderr.write(`  ${section}: not available: ${reason}\n`);
  }
}

export function format(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-GB');
  return value.toFixed(value >= 10 ? 1 : 2);
}

function pct(ratio: number | undefined): string {
  return ratio === undefined ? '' : `${Math.round(ratio * 100)}%`;
}

export function table(figures: Figures): string {
  const rows = [['section', 'figure', 'value', 'unit', 'plain pg', 'ratio', 'target', 'met']];
  for (const f of figures.all) {
    rows.push([
      f.section,
      f.name,
      format(f.value),
      f.unit,
      f.ceiling === undefined ? '' : format(f.ceiling),
      pct(f.ratio),
      f.target ?? '',
      f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    ]);
  }
  for (const u of figures.unavailable) rows.push([u.section, `not available: ${u.reason}`, '', '', '', '', '', '']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c >= 2 && c <= 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Wall-clock of an async piece of work, in seconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function progress(line: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}
