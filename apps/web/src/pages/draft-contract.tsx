import { useState, type FormEvent } from 'react';
import { useApp, useSession } from '../context';
import { errorLookup, summaryOf, type LocalError } from '../components/form-errors';
import { DateField, TextField } from '../components/fields';
import { ErrorSummary, Loading, ProblemSummary } from '../components/govuk';
import { useAsync, useCommand } from '../components/hooks';
import { usePageTitle } from '../components/page';
import { TermsEditor } from '../components/terms-editor';
import { isDate } from '../lib/dates';
import { ID_PATTERN } from '../lib/ids';
import { EMPTY_TERMS, frameworkEntries, termsFromDraft, type TermsDraft } from '../lib/terms-draft';
import { Link, navigate } from '../router';

export function DraftContract() {
  usePageTitle('Draft a contract');
  const { api } = useApp();
  const session = useSession();
  const framework = useAsync(async () => frameworkEntries(await api.get<unknown>('/api/outcome-framework')), [api]);
  const [contractId, setContractId] = useState('');
  const [title, setTitle] = useState('');
  const [providerId, setProviderId] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [terms, setTerms] = useState<TermsDraft>(EMPTY_TERMS);
  const [local, setLocal] = useState<LocalError[]>([]);
  const command = useCommand();

  if (session.role !== 'commissioner') {
    return (
      <>
        <h1 className="govuk-heading-l" tabIndex={-1}>
          Draft a contract
        </h1>
        <p className="govuk-body">Only a commissioner can draft a contract.</p>
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    command.clearError();
    const errors: LocalError[] = [];
    if (!ID_PATTERN.test(contractId)) errors.push({ field: 'contractId', text: 'Enter a contract reference of letters, digits, dots, dashes or underscores' });
    if (title.trim() === '') errors.push({ field: 'title', text: 'Enter a title' });
    if (!ID_PATTERN.test(providerId)) errors.push({ field: 'providerId', text: 'Enter the provider’s organisation reference, for example PRV-BRIGHTFUTURES' });
    if (!isDate(startDate)) errors.push({ field: 'startDate', text: 'Enter a real start date' });
    if (!isDate(endDate)) errors.push({ field: 'endDate', text: 'Enter a real end date' });
    else if (isDate(startDate) && endDate < startDate) errors.push({ field: 'endDate', text: 'The end date must be on or after the start date' });
    const built = termsFromDraft(terms);
    if ('errors' in built) errors.push(...built.errors);
    setLocal(errors);
    if (errors.length > 0 || !('terms' in built)) return;
    const body = { contractId, commissionerId: session.org, providerId, title: title.trim(), startDate, endDate, terms: built.terms };
    if (await command.submit((idempotencyKey) => api.post('/api/contracts', body, { idempotencyKey }))) {
      navigate(`/contracts/${encodeURIComponent(contractId)}?drafted=1`);
    }
  };

  const errorOf = errorLookup(local, command.error);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {local.length > 0 ? <ErrorSummary errors={summaryOf(local)} /> : null}
        {command.error ? <ProblemSummary error={command.error} /> : null}
        <span className="govuk-caption-l">{session.org}</span>
        <h1 className="govuk-heading-l" tabIndex={-1}>
          Draft a contract
        </h1>
        <form onSubmit={submit} noValidate>
          <TextField name="contractId" label="Contract reference" hint="For example, SWK-BF-2024-001. It cannot be changed later." value={contractId} onChange={setContractId} error={errorOf('contractId')} width={20} spellCheck={false} />
          <TextField name="title" label="Title" value={title} onChange={setTitle} error={errorOf('title')} />
          <TextField name="providerId" label="Provider organisation reference" value={providerId} onChange={setProviderId} error={errorOf('providerId')} width={20} spellCheck={false} />
          <DateField name="startDate" label="Start date" value={startDate} onChange={setStartDate} error={errorOf('startDate')} />
          <DateField name="endDate" label="End date" value={endDate} onChange={setEndDate} error={errorOf('endDate')} />
          {framework.status === 'loading' ? <Loading what="the outcomes framework" /> : null}
          {framework.status === 'error' ? <ProblemSummary error={framework.error} /> : null}
          <TermsEditor draft={terms} onChange={setTerms} framework={framework.status === 'ready' ? framework.data : []} errorOf={errorOf} />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={command.busy} aria-disabled={command.busy}>
              Save draft contract
            </button>
            <Link to="/contracts">Cancel</Link>
          </div>
        </form>
      </div>
    </div>
  );
}
