import { useState } from 'react';
import { DataList } from '../../components/data-list';
import { Pagination } from '../../components/govuk';
import { formatInstant } from '../../lib/dates';
import type { RecordedContractEvent } from '../../lib/types';
import { navigate } from '../../router';
import type { ContractTabProps } from './context';

const EVENTS_PER_PAGE = 20;

/** Every event of the stream with its metadata and hashes, newest first, with a way to see the contract as it stood. */
export function TimelineTab({ view, events }: ContractTabProps) {
  const [page, setPage] = useState(0);
  const newestFirst = [...events].reverse();
  const shown = newestFirst.slice(page * EVENTS_PER_PAGE, (page + 1) * EVENTS_PER_PAGE);
  const showAsOf = (event: RecordedContractEvent) => navigate(`/contracts/${encodeURIComponent(view.contractId)}/statements?asOf=${encodeURIComponent(event.globalPosition)}`);
  return (
    <>
      <h2 className="govuk-heading-m">Timeline</h2>
      <p className="govuk-body">
        {events.length} {events.length === 1 ? 'event' : 'events'}, newest first. Each event’s hash covers the one before it, so an edited event breaks every later hash.
      </p>
      <ol className="govuk-list" reversed start={events.length - page * EVENTS_PER_PAGE}>
        {shown.map((event) => (
          <li key={event.revision} className="govuk-!-margin-bottom-4">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
              {event.revision}. {event.type}
            </h3>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              Recorded {formatInstant(event.metadata.recordedAt)} by {event.metadata.actor.sub} ({event.metadata.actor.role}, {event.metadata.actor.org}); global position {event.globalPosition}
            </p>
            <DataList data={event.data} />
            <details className="govuk-details govuk-!-margin-bottom-1">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Metadata and hashes of event {event.revision}</span>
              </summary>
              <div className="govuk-details__text">
                <DataList data={{ id: event.id, ...event.metadata }} />
              </div>
            </details>
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => showAsOf(event)}>
              Statements as known just after event {event.revision}
            </button>
          </li>
        ))}
      </ol>
      <Pagination
        pageNumber={page + 1}
        previous={page > 0 ? () => setPage(page - 1) : undefined}
        next={(page + 1) * EVENTS_PER_PAGE < newestFirst.length ? () => setPage(page + 1) : undefined}
      />
    </>
  );
}
