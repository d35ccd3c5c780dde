import { useApp, useSession } from '../context';
import { Empty, Loading, Pagination, ProblemSummary, StatusTag } from '../components/govuk';
import { usePagedList } from '../components/hooks';
import { usePageTitle } from '../components/page';
import { formatDate } from '../lib/dates';
import type { ContractSummary } from '../lib/types';
import { Link } from '../router';

export const CONTRACTS_PAGE_SIZE = 25;

export function ContractsList() {
  usePageTitle('Contracts');
  const { api } = useApp();
  const session = useSession();
  const { page, previous, next, pageNumber } = usePagedList(
    (cursor) => api.page<ContractSummary>('/api/contracts', { limit: CONTRACTS_PAGE_SIZE, cursor }),
    [api],
  );

  return (
    <>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Contracts
      </h1>
      {session.role === 'commissioner' ? (
        <Link to="/contracts/new" className="govuk-button" draggable={false}>
          Draft a contract
        </Link>
      ) : null}
      {page.status === 'loading' ? <Loading what="contracts" /> : null}
      {page.status === 'error' ? <ProblemSummary error={page.error} /> : null}
      {page.status === 'ready' && page.data.items.length === 0 ? (
        <Empty>{pageNumber === 1 ? 'There are no contracts for your organisation yet.' : 'There are no more contracts.'}</Empty>
      ) : null}
      {page.status === 'ready' && page.data.items.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {pageNumber === 1 ? 'Your contracts' : `Your contracts, page ${pageNumber}`}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Contract</th>
              <th scope="col" className="govuk-table__header">Commissioner</th>
              <th scope="col" className="govuk-table__header">Provider</th>
              <th scope="col" className="govuk-table__header">Runs</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.data.items.map((contract) => (
              <tr className="govuk-table__row" key={contract.contractId}>
                <td className="govuk-table__cell">
                  <Link to={`/contracts/${encodeURIComponent(contract.contractId)}`}>{contract.title ?? contract.contractId}</Link>
                  {contract.title ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{contract.contractId}</span> : null}
                </td>
                <td className="govuk-table__cell">{contract.commissionerId ?? ''}</td>
                <td className="govuk-table__cell">{contract.providerId ?? ''}</td>
                <td className="govuk-table__cell">
                  {contract.startDate && contract.endDate ? `${formatDate(contract.startDate)} to ${formatDate(contract.endDate)}` : ''}
                </td>
                <td className="govuk-table__cell">{contract.status ? <StatusTag status={contract.status} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pagination previous={previous} next={next} pageNumber={pageNumber} />
    </>
  );
}
