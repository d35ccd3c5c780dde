import { useState } from 'react';
import { useApp } from '../../context';
import { DateField } from '../../components/fields';
import { Empty, Loading, Pagination, ProblemSummary } from '../../components/govuk';
import { useAsync } from '../../components/hooks';
import { openPeriod } from '../../lib/contract-view';
import { formatDate, formatPeriod, isDate, lastDayOf, londonDate, nextDay } from '../../lib/dates';
import { formatPence } from '../../lib/money';
import type { Statement } from '../../lib/types';
import { CommandForm } from './command-form';
import type { ContractTabProps } from './context';
import { StatementView } from './statement-view';

const STATEMENTS_PER_PAGE = 6;

export function StatementsTab(props: ContractTabProps) {
  const { api, apiPath, view, events, asOf, canAct, session } = props;
  const { now } = useApp();
  const today = londonDate(now());
  const open = openPeriod(view);
  const monthEnded = today > lastDayOf(open);
  const [through, setThrough] = useState('');
  const [page, setPage] = useState(0);
  const closed = useAsync(() => api.get<{ items: Statement[] }>(`${apiPath}/statements`, { asOf }).then((body) => body.items ?? []), [api, apiPath, asOf]);
  const throughDay = isDate(through) ? through : undefined;
  const provisional = useAsync(
    () => api.get<Statement>(`${apiPath}/statements/${open}`, { asOf, through: throughDay ?? (monthEnded ? lastDayOf(open) : undefined) }),
    [api, apiPath, asOf, open, throughDay, monthEnded],
  );
  const hashes = new Map(view.closedPeriods.map((closedPeriod) => [closedPeriod.period, closedPeriod.statementHash]));
  const newestFirst = closed.status === 'ready' ? [...closed.data].reverse() : [];
  const shown = newestFirst.slice(page * STATEMENTS_PER_PAGE, (page + 1) * STATEMENTS_PER_PAGE);

  return (
    <>
      <h2 className="govuk-heading-m">Open month: {formatPeriod(open)}</h2>
      <p className="govuk-body">
        {monthEnded
          ? `${formatPeriod(open)} has ended. This is what closing it would state now.`
          : `This is what the ledger would state for ${formatPeriod(open)} so far. It changes until the month is closed.`}
      </p>
      <DateField name="through" label="Count days up to (optional)" hint={`A day in or after ${formatPeriod(open)}; empty for ${monthEnded ? 'the whole month' : 'today'}`} value={through} onChange={setThrough} />
      {provisional.status === 'loading' ? <Loading what="the provisional statement" /> : null}
      {provisional.status === 'error' ? <ProblemSummary error={provisional.error} /> : null}
      {provisional.status === 'ready' ? <StatementView statement={provisional.data} events={events} /> : null}
      {canAct && session.role === 'commissioner' && view.status !== 'draft' && monthEnded && !throughDay && provisional.status === 'ready' ? (
        <CommandForm
          submitText={`Close ${formatPeriod(open)}`}
          send={(idempotencyKey) => api.post(`${apiPath}/periods/${open}/close`, {}, { idempotencyKey, ifMatch: view.revision })}
          onDone={() => props.done(`${formatPeriod(open)} has been closed; earned ${formatPence(provisional.data.totals.earnedPence)}.`)}
        />
      ) : null}
      {canAct && session.role === 'commissioner' && !monthEnded ? <p className="govuk-body">You can close {formatPeriod(open)} from {formatDate(nextDay(lastDayOf(open)))}.</p> : null}

      <h2 className="govuk-heading-m">Closed statements</h2>
      {closed.status === 'loading' ? <Loading what="the closed statements" /> : null}
      {closed.status === 'error' ? <ProblemSummary error={closed.error} /> : null}
      {closed.status === 'ready' && closed.data.length === 0 ? <Empty>No month has been closed yet.</Empty> : null}
      {shown.map((statement) => (
        <details className="govuk-details" key={statement.period}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {formatPeriod(statement.period)}: earned {formatPence(statement.totals.earnedPence)}, paid {formatPence(statement.totals.paidPence)}, balance {formatPence(statement.totals.balancePence)}
            </span>
          </summary>
          <div className="govuk-details__text">
            <StatementView statement={statement} events={events} statementHash={hashes.get(statement.period)} />
          </div>
        </details>
      ))}
      <Pagination
        pageNumber={page + 1}
        previous={page > 0 ? () => setPage(page - 1) : undefined}
        next={(page + 1) * STATEMENTS_PER_PAGE < newestFirst.length ? () => setPage(page + 1) : undefined}
      />
    </>
  );
}
