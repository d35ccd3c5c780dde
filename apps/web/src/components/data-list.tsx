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

/** A nested value on one line: `code FOSTER-IFA, pricePence £820.00, placementTypes U1 U2`. */
function inline(key: string, value: unknown): string {
  // An empty list (a verify report's `discrepancies: []`) would otherwise show as a blank value.
  if (Array.isArray(value) && value.length === 0) return 'none';
  if (Array.isArray(value)) return value.map((item) => inline(key, item)).join(typeof value[0] === 'object' ? '; ' : ' ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([member, inner]) => `${member} ${typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? `(${inline(member, inner)})` : inline(member, inner)}`)
      .join(', ');
  }
  return formatValue(key, value);
}

/**
 * An event's data (or metadata) as a definition list: readable, and nothing left out. A member holding a list
 * of objects (the fees of terms) shows one line per object; deeper values are written inline.
 */
export function DataList({ data }: { data: unknown }) {
  if (typeof data !== 'object' || data === null) return <>{formatValue('', data)}</>;
  return (
    <dl className="ledger-data govuk-body-s govuk-!-margin-bottom-2">
      {Object.entries(data)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => (
          <div key={key} className="ledger-data__row">
            <dt>{key}</dt>
            <dd className={/hash$/i.test(key) ? 'ledger-hash' : undefined}>
              {Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null) ? (
                <ol className="govuk-list govuk-list--number govuk-body-s govuk-!-margin-bottom-0">
                  {value.map((item, index) => (
                    <li key={index}>{inline(key, item)}</li>
                  ))}
                </ol>
              ) : typeof value === 'object' && value !== null && !Array.isArray(value) ? (
                <DataList data={value} />
              ) : (
                inline(key, value)
              )}
            </dd>
          </div>
        ))}
    </dl>
  );
}
