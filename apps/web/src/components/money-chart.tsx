import { useId } from 'react';
import { formatPeriod, formatPeriodShort } from '../lib/dates';
import { formatPence } from '../lib/money';
import type { PeriodFigures } from '../lib/types';

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { top: 20, right: 20, bottom: 40, left: 90 };
const TICKS = 4;

/** A tick step of 1, 2 or 5 times a power of ten pence, so axis labels read as round amounts. */
function niceStep(span: number): number {
  const raw = Math.max(span / TICKS, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw);
  return step ?? 10 * power;
}

/**
 * Earned and paid as bars and the running balance as a line, month by month. The picture is for sighted users;
 * the same figures follow in a table, which is what screen readers are pointed to.
 */
export function MoneyChart({ periods, caption }: { periods: PeriodFigures[]; caption: string }) {
  const titleId = useId();
  const descId = useId();
  const values = periods.flatMap((figures) => [figures.earnedPence, figures.paidPence, figures.balancePence]);
  const step = niceStep(Math.max(...values, 0) - Math.min(...values, 0));
  const top = Math.ceil(Math.max(...values, 0) / step) * step || step;
  const bottom = Math.floor(Math.min(...values, 0) / step) * step;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (pence: number) => MARGIN.top + ((top - pence) / (top - bottom)) * plotHeight;
  const band = plotWidth / Math.max(periods.length, 1);
  const barWidth = Math.min(band * 0.35, 40);
  const ticks: number[] = [];
  for (let value = bottom; value <= top && ticks.length <= 2 * TICKS + 2; value += step) ticks.push(value);
  const centre = (index: number) => MARGIN.left + band * index + band / 2;
  const balancePath = periods.map((figures, index) => `${index === 0 ? 'M' : 'L'}${centre(index)},${y(figures.balancePence)}`).join(' ');
  const first = periods[0];
  const last = periods[periods.length - 1];

  return (
    <figure className="ledger-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} width="100%" focusable="false">
        <title id={titleId}>{caption}</title>
        <desc id={descId}>
          {first && last
            ? `Bars for earned and paid, and a line for the balance, for each month from ${formatPeriod(first.period)} to ${formatPeriod(last.period)}. The table after the chart gives every figure.`
            : 'No months to show.'}
        </desc>
        {ticks.map((value) => (
          <g key={value} aria-hidden="true">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} className={value === 0 ? 'ledger-chart__zero' : 'ledger-chart__grid'} />
            <text x={MARGIN.left - 8} y={y(value)} dy="0.32em" textAnchor="end" className="ledger-chart__label">
              {formatPence(value).replace(/\.00$/, '')}
            </text>
          </g>
        ))}
        {periods.map((figures, index) => (
          <g key={figures.period} aria-hidden="true">
            <rect x={centre(index) - barWidth} width={barWidth} y={Math.min(y(figures.earnedPence), y(0))} height={Math.abs(y(figures.earnedPence) - y(0))} className="ledger-chart__earned" />
            <rect x={centre(index)} width={barWidth} y={Math.min(y(figures.paidPence), y(0))} height={Math.abs(y(figures.paidPence) - y(0))} className="ledger-chart__paid" />
            <text x={centre(index)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" className="ledger-chart__label">
              {formatPeriodShort(figures.period)}
            </text>
          </g>
        ))}
        <path d={balancePath} className="ledger-chart__balance" aria-hidden="true" />
        {periods.map((figures, index) => (
          <circle key={figures.period} cx={centre(index)} cy={y(figures.balancePence)} r={4} className="ledger-chart__balance-point" aria-hidden="true" />
        ))}
      </svg>
      <figcaption className="govuk-body-s ledger-chart__legend" aria-hidden="true">
        <span className="ledger-chart__key ledger-chart__key--earned" /> Earned <span className="ledger-chart__key ledger-chart__key--paid" /> Paid{' '}
        <span className="ledger-chart__key ledger-chart__key--balance" /> Balance (earned to date less paid to date)
      </figcaption>
    </figure>
  );
}

export function MoneyTable({ periods, caption }: { periods: PeriodFigures[]; caption: string }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Month
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Earned
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Paid
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Balance
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {periods.map((figures) => (
          <tr className="govuk-table__row" key={figures.period}>
            <th scope="row" className="govuk-table__header">
              {formatPeriod(figures.period)}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(figures.earnedPence)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(figures.paidPence)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(figures.balancePence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
