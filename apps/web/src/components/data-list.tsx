import { formatDate, formatInstant } from '../lib/dates';
import { formatPence } from '../lib/money';

/** A value from an event, in words: pence as money, business dates as dates, instants in UK time. */
function formatValue(key: string, value: unknown): string {
  if (typeof value === 'number' && key.endsWith('Pence') && Number.isSafeInteger(value)) return formatPence(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'string' && key === 'recordedAt') return formatInstant(value);
  if (value === null) return 'none';
  return String(value);
}

/** An event's data (or metadata) as a definition list, nested objects as nested lists: readable, and nothing left out. */
export function DataList({ data, depth = 0 }: { data: unknown; depth?: number }) {
  if (typeof data !== 'object' || data === null) return <>{formatValue('', data)}</>;
  const entries = Array.isArray(data) ? data.map((value, index) => [String(index + 1), value] as const) : Object.entries(data);
  if (entries.length === 0) return <>none</>;
  return (
    <dl className={`ledger-data govuk-body-s govuk-!-margin-bottom-${depth === 0 ? '2' : '0'}`}>
      {entries.map(([key, value]) => (
        <div key={key} className="ledger-data__row">
          <dt>{key}</dt>
          <dd className={/hash$|Hash$/i.test(key) ? 'ledger-hash' : undefined}>
            {typeof value === 'object' && value !== null && depth < 4 ? <DataList data={value} depth={depth + 1} /> : formatValue(key, value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
