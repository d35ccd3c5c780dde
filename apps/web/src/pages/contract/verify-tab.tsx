import { DataList } from '../../components/data-list';
import { Loading, ProblemSummary } from '../../components/govuk';
import { useAsync } from '../../components/hooks';
import { seg } from '../../lib/api-client';
import type { VerifyReport } from '../../lib/types';
import type { ContractTabProps } from './context';

/** The audit report: the hash chain and every amount recomputed from the events by the one fold. */
export function VerifyTab({ api, view }: ContractTabProps) {
  const report = useAsync(() => api.get<VerifyReport>(`/api/audit/contracts/${seg(view.contractId)}/verify`), [api, view.contractId]);
  return (
    <>
      <h2 className="govuk-heading-m">Verification</h2>
      <p className="govuk-body">The server checks the hash chain of this contract’s events, decides every event again by the rules, and recomputes every recorded amount and statement.</p>
      {report.status === 'loading' ? <Loading what="the verification report" /> : null}
      {report.status === 'error' ? <ProblemSummary error={report.error} /> : null}
      {report.status === 'ready' ? <VerifyReportView report={report.data} /> : null}
    </>
  );
}

export function VerifyReportView({ report }: { report: VerifyReport }) {
  const { ok, firstBadRevision, checks, ...rest } = report;
  return (
    <>
      {ok ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h3 className="govuk-panel__title">Verified</h3>
          <div className="govuk-panel__body">Every check passed</div>
        </div>
      ) : (
        <div className="govuk-error-summary" role="alert">
          <h3 className="govuk-error-summary__title">Verification failed</h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{firstBadRevision !== undefined ? `The first event that does not check is revision ${firstBadRevision}.` : 'At least one check failed.'}</p>
          </div>
        </div>
      )}
      {checks && checks.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Checks</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Check</th>
              <th scope="col" className="govuk-table__header">Result</th>
              <th scope="col" className="govuk-table__header">Detail</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {checks.map((check) => (
              <tr className="govuk-table__row" key={check.name}>
                <th scope="row" className="govuk-table__header">{check.name}</th>
                <td className="govuk-table__cell">{check.ok ? 'Passed' : 'Failed'}</td>
                <td className="govuk-table__cell">{check.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {Object.keys(rest).length > 0 ? <DataList data={rest} /> : null}
    </>
  );
}
