import { assertNever } from '../../lib/contract-view';
import { DataList } from '../../components/data-list';
import { Money, StatusTag, SummaryList } from '../../components/govuk';
import { formatDate, formatInstant, formatPeriod } from '../../lib/dates';
import { formatPence } from '../../lib/money';
import type { RecordedContractEvent, Statement, StatementLine } from '../../lib/types';

/** A statement line in words; its amount and its events are shown beside it. */
export function describeLine(line: StatementLine): string {
  switch (line.type) {
    case 'fee':
      return `Fee ${line.feeCode} for placement ${line.placementId} (child ${line.childRef}), ${line.days} ${line.days === 1 ? 'day' : 'days'}`;
    case 'fee-adjustment':
      return `Fee ${line.feeCode} for placement ${line.placementId} (child ${line.childRef}) in ${formatPeriod(line.forPeriod ?? '')}, recomputed: ${line.days} days now come to ${formatPence(line.recomputedPence ?? 0)} where ${formatPence(line.accountedPence ?? 0)} was stated`;
    case 'outcome':
      return `Outcome ${line.outcomeCode} for child ${line.childRef} (claim ${line.claimId}), price ${formatPence(line.pricePence ?? 0)}${cappedText(line)}`;
    case 'clawback':
      return `Reversal of outcome ${line.outcomeCode} for child ${line.childRef} (claim ${line.claimId})`;
    case 'duration':
      return `Outcome ${line.outcomeCode} for child ${line.childRef}: unit ${line.k} completed on ${formatDate(line.completedOn ?? '')}, price ${formatPence(line.pricePence ?? 0)}${cappedText(line)}`;
    case 'duration-clawback':
      return `Outcome ${line.outcomeCode} for child ${line.childRef}: unit ${line.k} (completed on ${formatDate(line.completedOn ?? '')}, awarded in ${formatPeriod(line.forPeriod ?? '')}) no longer earned`;
    default:
      return assertNever(line.type);
  }
}

function cappedText(line: StatementLine): string {
  if (!line.cappedBy) return '';
  return `, limited by the ${line.cappedBy === 'perChild' ? 'cap per child' : 'cap for the contract'}`;
}

const TOTAL_ROWS: [keyof Statement['totals'], string][] = [
  ['feesPence', 'Fees'],
  ['outcomesPence', 'Outcomes'],
  ['clawbacksPence', 'Clawbacks'],
  ['earnedPence', 'Earned this month'],
  ['paidPence', 'Paid this month'],
  ['earnedToDatePence', 'Earned to date'],
  ['paidToDatePence', 'Paid to date'],
  ['balancePence', 'Balance (earned to date less paid to date)'],
];

/** A statement: each line opens the events it was computed from, so every penny can be traced. */
export function StatementView({ statement, events, statementHash }: { statement: Statement; events: RecordedContractEvent[]; statementHash?: string }) {
  const byRevision = new Map(events.map((event) => [event.revision, event]));
  return (
    <>
      <h3 className="govuk-heading-s">
        {formatPeriod(statement.period)} <StatusTag status={statement.status} />
      </h3>
      <p className="govuk-body-s">
        {statement.status === 'closed' ? 'Closed statement, as stated at ' : 'Provisional statement, as known at '}
        {formatInstant(statement.asOf)}.
        {statementHash ? (
          <>
            {' '}Statement hash <span className="ledger-hash">{statementHash}</span>.
          </>
        ) : null}
      </p>
      {statement.lines.length === 0 ? (
        <p className="govuk-body">Nothing was earned in this month.</p>
      ) : (
        <table className="govuk-table ledger-statement">
          <caption className="govuk-table__caption govuk-table__caption--s">Lines of the statement for {formatPeriod(statement.period)}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Line</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric ledger-statement__amount">Amount</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {statement.lines.map((line, index) => (
              <tr className="govuk-table__row" key={index}>
                <td className="govuk-table__cell">
                  {describeLine(line)}
                  <details className="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                    <summary className="govuk-details__summary">
                      <span className="govuk-details__summary-text">
                        The {line.sources.length} {line.sources.length === 1 ? 'event' : 'events'} behind this line
                      </span>
                    </summary>
                    <div className="govuk-details__text">
                      <ol className="govuk-list">
                        {line.sources.map((revision) => {
                          const event = byRevision.get(revision);
                          return (
                            <li key={revision}>
                              <strong>
                                Event {revision}: {event ? event.type : 'not in the events read'}
                              </strong>
                              {event ? (
                                <>
                                  {' '}recorded {formatInstant(event.metadata.recordedAt)}
                                  <DataList data={event.data} />
                                </>
                              ) : null}
                            </li>
                          );
                        })}
                      </ol>
                    </div>
                  </details>
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <Money pence={line.amountPence} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SummaryList rows={TOTAL_ROWS.map(([key, label]) => [label, <Money key={key} pence={statement.totals[key]} />])} />
    </>
  );
}
