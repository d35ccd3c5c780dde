import { useEffect, useState, type FormEvent } from 'react';
import { useApp, useSession } from '../../context';
import { ErrorSummary, Loading, ProblemSummary, StatusTag, SuccessBanner } from '../../components/govuk';
import { useAsync } from '../../components/hooks';
import { usePageTitle } from '../../components/page';
import { TextField } from '../../components/fields';
import { seg } from '../../lib/api-client';
import { describeProblem } from '../../lib/problems';
import { contractView } from '../../lib/contract-view';
import { formatInstant } from '../../lib/dates';
import type { RecordedContractEvent } from '../../lib/types';
import { Link, navigate } from '../../router';
import { ClaimsTab } from './claims-tab';
import type { ContractTabProps } from './context';
import { ExportButton } from './export-button';
import { OverviewTab } from './overview-tab';
import { PaymentsTab } from './payments-tab';
import { PlacementsTab } from './placements-tab';
import { StatementsTab } from './statements-tab';
import { TimelineTab } from './timeline-tab';
import { VerifyTab } from './verify-tab';

export const TABS = [
  { id: 'overview', text: 'Overview and terms' },
  { id: 'placements', text: 'Placements' },
  { id: 'claims', text: 'Claims' },
  { id: 'payments', text: 'Payments' },
  { id: 'statements', text: 'Statements' },
  { id: 'timeline', text: 'Timeline' },
  { id: 'verify', text: 'Verify' },
] as const;

/** A timestamp with an offset, or a global position (digits): the two ways spec section 5 reads "as of". */
export function isAsOf(value: string): boolean {
  return /^\d+$/.test(value) || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));
}

export function ContractPage({ contractId, tab, query }: { contractId: string; tab: string; query: URLSearchParams }) {
  const { api } = useApp();
  const session = useSession();
  const asOf = query.get('asOf') ?? undefined;
  const apiPath = `/api/contracts/${seg(contractId)}`;
  const loaded = useAsync(
    () => api.all<RecordedContractEvent>(`${apiPath}/events`, { cursorParam: 'from', query: { asOf } }),
    [api, apiPath, asOf],
  );
  const [message, setMessage] = useState<string | undefined>(query.get('drafted') ? 'The contract has been drafted.' : undefined);
  const current = TABS.find((candidate) => candidate.id === tab) ?? TABS[0];
  const events = loaded.status === 'ready' ? loaded.data : [];
  const view = contractView(events);
  usePageTitle(`${current.text} - ${view?.title ?? contractId}`);

  const hrefOf = (tabId: string) => `/contracts/${seg(contractId)}${tabId === 'overview' ? '' : `/${tabId}`}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;
  const isParty = view !== undefined && (session.org === view.commissionerId || session.org === view.providerId);

  return (
    <>
      {message ? <SuccessBanner title={message} /> : null}
      <span className="govuk-caption-l">Contract {contractId}</span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        {view?.title ?? contractId} {view ? <StatusTag status={view.status} /> : null}
      </h1>
      {view ? (
        <p className="govuk-body">
          Between {view.commissionerId} and {view.providerId}.{' '}
          <Link to={`/partnerships/${seg(view.commissionerId)}/${seg(view.providerId)}`}>See the partnership’s history</Link>
          {session.role === 'auditor' || session.org === view.providerId ? (
            <>
              {' '}or <Link to={`/providers/${seg(view.providerId)}/earnings`}>the provider’s earnings</Link>
            </>
          ) : null}
          .
        </p>
      ) : null}
      <AsOfControl asOf={asOf} onChange={(value) => navigate(`${hrefOf(current.id).split('?')[0]}${value ? `?asOf=${encodeURIComponent(value)}` : ''}`)} />
      <div className="govuk-tabs">
        <h2 className="govuk-tabs__title">Contents</h2>
        <nav aria-label="Contract sections">
          <ul className="govuk-tabs__list">
            {TABS.map((candidate) => (
              <li key={candidate.id} className={`govuk-tabs__list-item${candidate.id === current.id ? ' govuk-tabs__list-item--selected' : ''}`}>
                <Link to={hrefOf(candidate.id)} className="govuk-tabs__tab" aria-current={candidate.id === current.id ? 'page' : undefined}>
                  {candidate.text}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section className="govuk-tabs__panel" aria-label={current.text}>
          {loaded.status === 'loading' ? <Loading what="the contract" /> : null}
          {loaded.status === 'error' ? <ProblemSummary error={loaded.error} /> : null}
          {loaded.status === 'ready' && !view ? (
            <ErrorSummary title="Nothing known yet" errors={[{ text: asOf ? 'The ledger knew nothing of this contract at that moment.' : describeProblem({ status: 404, code: 'CONTRACT_NOT_FOUND' }) }]} />
          ) : null}
          {view ? (
            <TabContent
              tab={current.id}
              props={{
                api,
                session,
                view,
                events,
                asOf,
                canAct: isParty && asOf === undefined,
                apiPath,
                done: (text) => {
                  setMessage(text);
                  loaded.reload();
                },
              }}
            />
          ) : null}
          {view ? <ExportButton api={api} apiPath={apiPath} contractId={contractId} asOf={asOf} /> : null}
        </section>
      </div>
    </>
  );
}

function TabContent({ tab, props }: { tab: (typeof TABS)[number]['id']; props: ContractTabProps }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab {...props} />;
    case 'placements':
      return <PlacementsTab {...props} />;
    case 'claims':
      return <ClaimsTab {...props} />;
    case 'payments':
      return <PaymentsTab {...props} />;
    case 'statements':
      return <StatementsTab {...props} />;
    case 'timeline':
      return <TimelineTab {...props} />;
    case 'verify':
      return <VerifyTab {...props} />;
  }
}

/** The second clock: read the contract as the ledger knew it at an instant or a global position. */
export function AsOfControl({ asOf, onChange }: { asOf: string | undefined; onChange(value: string | undefined): void }) {
  const [value, setValue] = useState(asOf ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => setValue(asOf ?? ''), [asOf]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed && !isAsOf(trimmed)) {
      setError('Enter a moment such as 2024-06-01T09:00:00Z, or a global position such as 42');
      return;
    }
    setError(undefined);
    onChange(trimmed || undefined);
  };
  return (
    <div className="govuk-inset-text">
      {asOf ? (
        <p className="govuk-body govuk-!-font-weight-bold">
          You are looking at this contract as the ledger knew it {/^\d+$/.test(asOf) ? `at global position ${asOf}` : `on ${formatInstant(asOf)}`}. Nothing can be changed from this view.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField
          name="asOf"
          label="Show the contract as known at"
          hint="An instant such as 2024-06-01T09:00:00Z, or a global position. Leave empty for now."
          value={value}
          onChange={setValue}
          error={error}
          width={20}
          spellCheck={false}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Show
          </button>
          {asOf ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange(undefined)}>
              Back to now
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
