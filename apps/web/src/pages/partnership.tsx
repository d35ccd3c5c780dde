import type { ReactNode } from 'react';
import { useApp } from '../context';
import { DataList } from '../components/data-list';
import { Empty, Loading, Money, Pagination, ProblemSummary, SummaryList } from '../components/govuk';
import { usePagedList } from '../components/hooks';
import { MoneyChart, MoneyTable } from '../components/money-chart';
import { usePageTitle } from '../components/page';
import { seg } from '../lib/api-client';
import { formatInstant } from '../lib/dates';
import type { PartnershipFigures, PartnershipHistory } from '../lib/types';
import { Link } from '../router';

export const HISTORY_PAGE_SIZE = 50;

function figureRows(figures: PartnershipFigures): [string, ReactNode][] {
  const rows: [string, ReactNode | undefined][] = [
    ['Contracts', figures.contracts],
    ['Placements', figures.placements],
    ['Children', figures.children],
    ['Days of care', figures.daysOfCare],
    ['Hard outcomes verified', figures.outcomesVerified?.hard],
    ['Soft outcomes verified', figures.outcomesVerified?.soft],
    ['Duration units awarded', figures.durationUnitsAwarded],
    ['Claims rejected', figures.rejectionRateBasisPoints === undefined ? undefined : `${(figures.rejectionRateBasisPoints / 100).toFixed(2)}% of decided claims`],
    ['Median days from claim to decision', figures.medianDaysToDecision],
    ['Earned', figures.earnedPence === undefined ? undefined : <Money pence={figures.earnedPence} />],
    ['Paid', figures.paidPence === undefined ? undefined : <Money pence={figures.paidPence} />],
    ['Balance', figures.balancePence === undefined ? undefined : <Money pence={figures.balancePence} />],
  ];
  return rows.filter((row): row is [string, ReactNode] => row[1] !== undefined).map(([key, value]) => [key, typeof value === 'number' ? value.toLocaleString('en-GB') : value]);
}

export function Partnership({ commissionerId, providerId }: { commissionerId: string; providerId: string }) {
  usePageTitle(`Partnership of ${commissionerId} and ${providerId}`);
  const { api } = useApp();
  const path = `/api/partnerships/${seg(commissionerId)}/${seg(providerId)}/history`;
  const { page, previous, next, pageNumber } = usePagedList(async (cursor) => {
    const history = await api.get<PartnershipHistory>(path, { limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined });
    return { items: history.items ?? [], next: history.next ?? null, history };
  }, [api, path]);
  const history = page.status === 'ready' ? page.data.history : undefined;
  const periods = history?.periods ?? [];
  return (
    <>
      <span className="govuk-caption-l">Partnership</span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        {commissionerId} and {providerId}
      </h1>
      {page.status === 'loading' ? <Loading what="the partnership’s history" /> : null}
      {page.status === 'error' ? <ProblemSummary error={page.error} /> : null}
      {history?.figures ? (
        <>
          <h2 className="govuk-heading-m">Figures</h2>
          <SummaryList rows={figureRows(history.figures)} />
        </>
      ) : null}
      {periods.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Money by month</h2>
          <MoneyChart periods={periods} caption={`Earned, paid and balance each month between ${commissionerId} and ${providerId}`} />
          <MoneyTable periods={periods} caption="Earned, paid and balance by month, all contracts of the partnership" />
        </>
      ) : null}
      {page.status === 'ready' ? (
        <>
          <h2 className="govuk-heading-m">History</h2>
          {page.data.items.length === 0 ? <Empty>Nothing has happened between these organisations yet.</Empty> : null}
          <ol className="govuk-list">
            {page.data.items.map((event) => (
              <li key={`${event.streamId}/${event.revision}`} className="govuk-!-margin-bottom-4">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  {event.type} in <Link to={`/contracts/${seg(event.streamId.replace(/^contract-/, ''))}/timeline`}>{event.streamId.replace(/^contract-/, '')}</Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  Recorded {formatInstant(event.metadata.recordedAt)} by {event.metadata.actor.org}
                </p>
                <DataList data={event.data} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <Pagination previous={previous} next={next} pageNumber={pageNumber} />
    </>
  );
}
