import { useState, type ReactNode } from 'react';
import { useApp } from '../../context';
import { DateField, TextareaField, TextField } from '../../components/fields';
import { Loading, ProblemSummary, StatusTag, SummaryList } from '../../components/govuk';
import { useAsync } from '../../components/hooks';
import { TermsEditor } from '../../components/terms-editor';
import { TermsView } from '../../components/terms-view';
import { seg } from '../../lib/api-client';
import { formatDate, isDate, londonDate } from '../../lib/dates';
import { ID_PATTERN } from '../../lib/ids';
import { draftFromTerms, frameworkEntries, termsFromDraft, type TermsDraft } from '../../lib/terms-draft';
import type { Party } from '../../lib/types';
import { CommandForm, Reveal } from './command-form';
import type { ContractTabProps } from './context';

export function OverviewTab(props: ContractTabProps) {
  const { view, session, canAct } = props;
  const party: Party | undefined = session.org === view.commissionerId && session.role === 'commissioner' ? 'commissioner' : session.org === view.providerId && session.role === 'provider' ? 'provider' : undefined;
  const signed = view.signatures.some((signature) => signature.party === party);

  return (
    <>
      <h2 className="govuk-heading-m">Overview</h2>
      <SummaryList
        rows={[
          ['Reference', view.contractId],
          ['Commissioner', view.commissionerId],
          ['Provider', view.providerId],
          ['Runs', `${formatDate(view.startDate)} to ${formatDate(view.endDate)}`],
          ['Status', <StatusTag status={view.status} key="status" />],
          ...optionalRow('Agreed on', view.agreedOn && formatDate(view.agreedOn)),
          ...optionalRow('Hash of the agreed terms', view.termsHash && <span className="ledger-hash">{view.termsHash}</span>),
          ...optionalRow('Terminated on', view.termination && `${formatDate(view.termination.terminatedOn)}: ${view.termination.reason}`),
        ]}
      />

      <h2 className="govuk-heading-m">Signatures</h2>
      {view.signatures.length === 0 ? <p className="govuk-body">Nobody has signed yet.</p> : null}
      <ul className="govuk-list">
        {view.signatures.map((signature) => (
          <li key={signature.party}>
            Signed for the {signature.party} by {signature.signedBy} on {formatDate(signature.signedOn)}
          </li>
        ))}
      </ul>
      {canAct && party && view.status === 'draft' && !signed ? <SignForm {...props} party={party} /> : null}

      <h2 className="govuk-heading-m">Terms</h2>
      <TermsView terms={view.terms} caption={view.status === 'draft' ? 'Draft terms' : 'Agreed terms'} />
      {canAct && party === 'commissioner' && view.status === 'draft' ? (
        <Reveal summary="Amend the draft terms">
          <TermsForm {...props} mode="amend" />
        </Reveal>
      ) : null}

      <h2 className="govuk-heading-m">Variations</h2>
      {view.variations.length === 0 ? <p className="govuk-body">No variations have been proposed.</p> : null}
      {view.variations.map((variation) => (
        <div key={variation.variationId} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">
            Variation {variation.variationId} <StatusTag status={variation.status} />
          </h3>
          <p className="govuk-body">
            Proposed by the {variation.proposedBy}, effective from {formatDate(variation.effectiveFrom)}
            {variation.endDate ? `, moving the end date to ${formatDate(variation.endDate)}` : ''}: {variation.reason}
            {variation.decidedOn ? ` (${variation.status} on ${formatDate(variation.decidedOn)})` : ''}
          </p>
          <TermsView terms={variation.terms} caption={`Variation ${variation.variationId}`} />
          {canAct && party && variation.status === 'pending' && variation.proposedBy !== party && view.status === 'agreed' ? (
            <VariationDecision {...props} variationId={variation.variationId} />
          ) : null}
        </div>
      ))}
      {canAct && party && view.status === 'agreed' ? (
        <Reveal summary="Propose a variation">
          <TermsForm {...props} mode="vary" />
        </Reveal>
      ) : null}
      {canAct && party === 'commissioner' && view.status === 'agreed' ? (
        <Reveal summary="Terminate the contract">
          <TerminateForm {...props} />
        </Reveal>
      ) : null}
    </>
  );
}

function optionalRow(key: string, value: ReactNode): [ReactNode, ReactNode][] {
  return value ? [[key, value]] : [];
}

function SignForm({ api, apiPath, session, view, done, party }: ContractTabProps & { party: Party }) {
  const { now } = useApp();
  const [signedBy, setSignedBy] = useState(session.sub);
  const [signedOn, setSignedOn] = useState(() => londonDate(now()));
  return (
    <CommandForm
      submitText={`Sign for the ${party}`}
      validate={() => [
        ...(signedBy.trim() ? [] : [{ field: 'signedBy', text: 'Enter the name of the person signing' }]),
        ...(isDate(signedOn) ? [] : [{ field: 'signedOn', text: 'Enter a real date of signature' }]),
      ]}
      send={(idempotencyKey) => api.post(`${apiPath}/signatures`, { party, signedBy: signedBy.trim(), signedOn }, { idempotencyKey, ifMatch: view.revision })}
      onDone={() => done(`You have signed the contract for the ${party}.`)}
    >
      {(errorOf) => (
        <>
          <TextField name="signedBy" label="Signed by" value={signedBy} onChange={setSignedBy} error={errorOf('signedBy')} width={20} />
          <DateField name="signedOn" label="Date of signature" value={signedOn} onChange={setSignedOn} error={errorOf('signedOn')} />
        </>
      )}
    </CommandForm>
  );
}

function TermsForm({ api, apiPath, view, done, mode }: ContractTabProps & { mode: 'amend' | 'vary' }) {
  const framework = useAsync(async () => frameworkEntries(await api.get<unknown>('/api/outcome-framework')), [api]);
  const [draft, setDraft] = useState<TermsDraft>(() => draftFromTerms(view.terms));
  const [endDate, setEndDate] = useState('');
  const [variationId, setVariationId] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [reason, setReason] = useState('');
  return (
    <CommandForm
      submitText={mode === 'amend' ? 'Save the amended terms' : 'Propose the variation'}
      validate={() => {
        const built = termsFromDraft(draft);
        const errors = 'errors' in built ? [...built.errors] : [];
        if (endDate && !isDate(endDate)) errors.push({ field: 'endDate', text: 'Enter a real end date, or leave it empty' });
        if (mode === 'vary') {
          if (!ID_PATTERN.test(variationId)) errors.push({ field: 'variationId', text: 'Enter a variation reference of letters, digits, dots, dashes or underscores' });
          if (!isDate(effectiveFrom)) errors.push({ field: 'effectiveFrom', text: 'Enter a real date the variation takes effect' });
          if (!reason.trim()) errors.push({ field: 'reason', text: 'Enter the reason for the variation' });
        }
        return errors;
      }}
      send={(idempotencyKey) => {
        const built = termsFromDraft(draft);
        if (!('terms' in built)) throw new Error('The terms are not complete.');
        const terms = built.terms;
        const end = endDate ? { endDate } : {};
        return mode === 'amend'
          ? api.put(`${apiPath}/terms`, { terms, ...end }, { idempotencyKey, ifMatch: view.revision })
          : api.post(`${apiPath}/variations`, { variationId, effectiveFrom, terms, ...end, reason: reason.trim() }, { idempotencyKey, ifMatch: view.revision });
      }}
      onDone={() => done(mode === 'amend' ? 'The draft terms have been amended. Both parties need to sign again.' : `Variation ${variationId} has been proposed.`)}
    >
      {(errorOf) => (
        <>
          {mode === 'vary' ? (
            <>
              <TextField name="variationId" label="Variation reference" value={variationId} onChange={setVariationId} error={errorOf('variationId')} width={20} spellCheck={false} />
              <DateField name="effectiveFrom" label="Takes effect from" value={effectiveFrom} onChange={setEffectiveFrom} error={errorOf('effectiveFrom')} />
              <TextareaField name="reason" label="Reason" value={reason} onChange={setReason} error={errorOf('reason')} />
            </>
          ) : null}
          <DateField name="endDate" label="New end date (optional)" hint="Leave empty to keep the current end date" value={endDate} onChange={setEndDate} error={errorOf('endDate')} />
          {framework.status === 'loading' ? <Loading what="the outcomes framework" /> : null}
          {framework.status === 'error' ? <ProblemSummary error={framework.error} /> : null}
          <TermsEditor draft={draft} onChange={setDraft} framework={framework.status === 'ready' ? framework.data : []} errorOf={errorOf} />
        </>
      )}
    </CommandForm>
  );
}

function VariationDecision({ api, apiPath, view, done, variationId }: ContractTabProps & { variationId: string }) {
  const [reason, setReason] = useState('');
  const body = () => (reason.trim() ? { reason: reason.trim() } : {});
  const path = `${apiPath}/variations/${seg(variationId)}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half">
        <TextareaField name={`reason-${variationId}`} label="Reason (optional)" value={reason} onChange={setReason} rows={2} />
      </div>
      <div className="govuk-grid-column-one-half">
        <CommandForm
          submitText={`Accept variation ${variationId}`}
          send={(idempotencyKey) => api.post(`${path}/acceptance`, body(), { idempotencyKey, ifMatch: view.revision })}
          onDone={() => done(`Variation ${variationId} has been accepted.`)}
        />
        <CommandForm
          submitText={`Decline variation ${variationId}`}
          warning
          send={(idempotencyKey) => api.post(`${path}/decline`, body(), { idempotencyKey, ifMatch: view.revision })}
          onDone={() => done(`Variation ${variationId} has been declined.`)}
        />
      </div>
    </div>
  );
}

function TerminateForm({ api, apiPath, view, done }: ContractTabProps) {
  const [terminatedOn, setTerminatedOn] = useState('');
  const [reason, setReason] = useState('');
  return (
    <CommandForm
      submitText="Terminate the contract"
      warning
      validate={() => [
        ...(isDate(terminatedOn) ? [] : [{ field: 'terminatedOn', text: 'Enter a real termination date' }]),
        ...(reason.trim() ? [] : [{ field: 'reason', text: 'Enter the reason for terminating the contract' }]),
      ]}
      send={(idempotencyKey) => api.post(`${apiPath}/termination`, { terminatedOn, reason: reason.trim() }, { idempotencyKey, ifMatch: view.revision })}
      onDone={() => done('The contract has been terminated.')}
    >
      {(errorOf) => (
        <>
          <DateField name="terminatedOn" label="Termination date" hint="The contract covers the days before this date" value={terminatedOn} onChange={setTerminatedOn} error={errorOf('terminatedOn')} />
          <TextareaField name="reason" label="Reason" value={reason} onChange={setReason} error={errorOf('reason')} />
        </>
      )}
    </CommandForm>
  );
}
