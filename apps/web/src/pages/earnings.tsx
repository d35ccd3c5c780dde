import { useApp } from '../context';
import { Empty, Loading, ProblemSummary, SummaryList, Money } from '../components/govuk';
import { useAsync } from '../components/hooks';
import { MoneyChart, MoneyTable } from '../components/money-chart';
import { usePageTitle } from '../components/page';
import { seg } from '../lib/api-client';
import { formatDate } from '../lib/dates';
import type { ProviderEarnings } from '../lib/types';
import { Link } from '../router';

export function Earnings({ providerId }: { providerId: string }) {
  usePageTitle(`Earnings of ${providerId}`);
  const { api } = useApp();
  const earnings = useAsync(() => api.get<ProviderEarnings>(`/api/providers/${seg(providerId)}/earnings`), [api, providerId]);
  const periods = earnings.status === 'ready' ? (earnings.data.periods ?? []) : [];
  const latest = periods[periods.length - 1];
  const pending = earnings.status === 'ready' ? (earnings.data.pendingClaims ?? []) : [];
  return (
    <>
      <span className="govuk-caption-l">{providerId}</span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Earnings
      </h1>
      <p className="govuk-body">What you earned and were paid each month, across every commissioner and contract, from closed statements.</p>
      {earnings.status === 'loading' ? <Loading what="earnings" /> : null}
      {earnings.status === 'error' ? <ProblemSummary error={earnings.error} /> : null}
      {earnings.status === 'ready' && periods.length === 0 ? <Empty>No month has been closed yet, so nothing has been stated as earned.</Empty> : null}
      {latest ? (
        <>
          <SummaryList
            rows={[
              ['Balance owed to you', <Money key="balance" pence={latest.balancePence} />],
              ['Months stated', String(periods.length)],
            ]}
          />
          <MoneyChart periods={periods} caption={`Earned, paid and balance each month for ${providerId}`} />
          <MoneyTable periods={periods} caption="Earned, paid and balance by month" />
        </>
      ) : null}
      {earnings.status === 'ready' ? (
        <>
          <h2 className="govuk-heading-m">Claims waiting for a decision</h2>
          {pending.length === 0 ? <Empty>No claims are waiting for a decision.</Empty> : null}
          {pending.length > 0 ? (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Claims waiting for a decision, oldest first</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Claim</th>
                  <th scope="col" className="govuk-table__header">Contract</th>
                  <th scope="col" className="govuk-table__header">Claimed on</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Days waiting</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {[...pending]
                  .sort((a, b) => (a.claimedOn < b.claimedOn ? -1 : a.claimedOn > b.claimedOn ? 1 : 0))
                  .map((claim) => (
                    <tr className="govuk-table__row" key={`${claim.contractId}/${claim.claimId}`}>
                      <th scope="row" className="govuk-table__header">
                        {claim.claimId}
                        {claim.outcomeCode ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{claim.outcomeCode}{claim.childRef ? ` for ${claim.childRef}` : ''}</span> : null}
                      </th>
                      <td className="govuk-table__cell">
                        <Link to={`/contracts/${seg(claim.contractId)}/claims`}>{claim.contractId}</Link>
                      </td>
                      <td className="govuk-table__cell">{formatDate(claim.claimedOn)}</td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{claim.ageDays ?? ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </>
  );
}
