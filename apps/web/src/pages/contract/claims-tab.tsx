import { useState, type ReactNode } from 'react';
import { DateField, SelectField, TextareaField, TextField } from '../../components/fields';
import { Empty, Money, StatusTag } from '../../components/govuk';
import { rangeOf, useLocalPages } from '../../components/local-pages';
import { seg } from '../../lib/api-client';
import type { ClaimView } from '../../lib/contract-view';
import { formatDate, isDate } from '../../lib/dates';
import { ID_PATTERN } from '../../lib/ids';
import { CommandForm, Reveal } from './command-form';
import type { ContractTabProps } from './context';

export function ClaimsTab(props: ContractTabProps) {
  const { view, session, canAct } = props;
  const pending = view.claims.filter((claim) => claim.status === 'pending');
  const decided = view.claims.filter((claim) => claim.status !== 'pending');
  const commissioner = canAct && session.role === 'commissioner';
  const pendingPages = useLocalPages(pending, 10, 'claims waiting');
  const decidedPages = useLocalPages(decided, 10, 'decided claims');
  return (
    <>
      {canAct && session.role === 'provider' && view.status !== 'draft' ? (
        <Reveal summary="Claim an outcome">
          <ClaimForm {...props} />
        </Reveal>
      ) : null}
      <h2 className="govuk-heading-m">Claims waiting for a decision{rangeOf(pendingPages, pending.length)}</h2>
      {pending.length === 0 ? <Empty>No claims are waiting for a decision.</Empty> : null}
      {pendingPages.shown.map((claim) => (
        <ClaimCard key={claim.claimId} claim={claim}>
          {commissioner ? <PendingDecision {...props} claim={claim} /> : null}
        </ClaimCard>
      ))}
      {pendingPages.pagination}
      <h2 className="govuk-heading-m">Decided claims{rangeOf(decidedPages, decided.length)}</h2>
      {decided.length === 0 ? <Empty>No claims have been decided yet.</Empty> : null}
      {decidedPages.shown.map((claim) => (
        <ClaimCard key={claim.claimId} claim={claim}>
          {commissioner && claim.status === 'verified' ? (
            <Reveal summary={`Reverse claim ${claim.claimId}`}>
              <ReasonForm {...props} claim={claim} action="reversal" submitText={`Reverse claim ${claim.claimId}`} doneText={`Claim ${claim.claimId} has been reversed; its amount will be clawed back at the next close.`} />
            </Reveal>
          ) : null}
        </ClaimCard>
      ))}
      {decidedPages.pagination}
    </>
  );
}

function ClaimCard({ claim, children }: { claim: ClaimView; children?: ReactNode }) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">
          Claim {claim.claimId}: {claim.outcomeCode} for {claim.childRef} <StatusTag status={claim.status} />
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <Row name="Placement" value={claim.placementId} />
          <Row name="Achieved on" value={formatDate(claim.achievedOn)} />
          <Row name="Claimed on" value={formatDate(claim.claimedOn)} />
          <Row
            name="Evidence"
            value={
              <ul className="govuk-list">
                {claim.evidence.map((item, index) => (
                  <li key={index}>
                    {item.kind}: {item.ref}
                  </li>
                ))}
              </ul>
            }
          />
          {claim.amountPence !== undefined && claim.pricePence !== undefined ? (
            <Row
              name="Amount"
              value={
                <>
                  <Money pence={claim.amountPence} /> of a price of <Money pence={claim.pricePence} />
                  {claim.cappedBy ? ` (limited by the ${claim.cappedBy === 'perChild' ? 'cap per child' : 'cap for the contract'})` : ''}
                </>
              }
            />
          ) : null}
          {claim.decidedOn ? <Row name={`${claim.status.charAt(0).toUpperCase()}${claim.status.slice(1)} on`} value={formatDate(claim.decidedOn)} /> : null}
          {claim.reason ? <Row name="Reason" value={claim.reason} /> : null}
        </dl>
        {children}
      </div>
    </div>
  );
}

function Row({ name, value }: { name: string; value: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{name}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
}

function PendingDecision(props: ContractTabProps & { claim: ClaimView }) {
  const { api, apiPath, view, done, claim } = props;
  return (
    <>
      <CommandForm
        submitText={`Verify claim ${claim.claimId}`}
        send={(idempotencyKey) => api.post(`${apiPath}/claims/${seg(claim.claimId)}/verification`, {}, { idempotencyKey, ifMatch: view.revision })}
        onDone={() => done(`Claim ${claim.claimId} has been verified.`)}
      />
      <Reveal summary={`Reject claim ${claim.claimId}`}>
        <ReasonForm {...props} action="rejection" submitText={`Reject claim ${claim.claimId}`} doneText={`Claim ${claim.claimId} has been rejected.`} />
      </Reveal>
    </>
  );
}

function ReasonForm({ api, apiPath, view, done, claim, action, submitText, doneText }: ContractTabProps & { claim: ClaimView; action: 'rejection' | 'reversal'; submitText: string; doneText: string }) {
  const [reason, setReason] = useState('');
  return (
    <CommandForm
      submitText={submitText}
      warning
      validate={() => (reason.trim() ? [] : [{ field: 'reason', text: 'Enter the reason' }])}
      send={(idempotencyKey) => api.post(`${apiPath}/claims/${seg(claim.claimId)}/${action}`, { reason: reason.trim() }, { idempotencyKey, ifMatch: view.revision })}
      onDone={() => done(doneText)}
    >
      {(errorOf) => <TextareaField name="reason" label="Reason" value={reason} onChange={setReason} error={errorOf('reason')} />}
    </CommandForm>
  );
}

function ClaimForm({ api, apiPath, view, done }: ContractTabProps) {
  const placements = view.placements;
  const claimable = view.terms.outcomes.filter((outcome) => outcome.kind !== 'duration');
  const outcomes = [...new Map([...claimable, ...view.variations.filter((variation) => variation.status === 'accepted').flatMap((variation) => variation.terms.outcomes.filter((outcome) => outcome.kind !== 'duration'))].map((outcome) => [outcome.code, outcome])).values()];
  const [claimId, setClaimId] = useState('');
  const [placementId, setPlacementId] = useState(placements[0]?.placementId ?? '');
  const [outcomeCode, setOutcomeCode] = useState(outcomes[0]?.code ?? '');
  const [achievedOn, setAchievedOn] = useState('');
  const [evidence, setEvidence] = useState([{ kind: '', ref: '' }]);
  if (placements.length === 0) return <p className="govuk-body">A claim needs a placement: none has been recorded yet.</p>;
  const childRef = placements.find((placement) => placement.placementId === placementId)?.childRef ?? '';
  return (
    <CommandForm
      submitText="Send the claim"
      validate={() => [
        ...(ID_PATTERN.test(claimId) ? [] : [{ field: 'claimId', text: 'Enter a claim reference of letters, digits, dots, dashes or underscores' }]),
        ...(outcomeCode ? [] : [{ field: 'outcomeCode', text: 'Choose the outcome' }]),
        ...(isDate(achievedOn) ? [] : [{ field: 'achievedOn', text: 'Enter the real date the outcome was achieved' }]),
        ...evidence.flatMap((item, index) => [
          ...(item.kind.trim() ? [] : [{ field: `evidence[${index}].kind`, text: `Enter the kind of evidence ${index + 1}` }]),
          ...(item.ref.trim() ? [] : [{ field: `evidence[${index}].ref`, text: `Enter the reference of evidence ${index + 1}` }]),
        ]),
      ]}
      send={(idempotencyKey) =>
        api.post(
          `${apiPath}/claims`,
          { claimId, placementId, childRef, outcomeCode, achievedOn, evidence: evidence.map((item) => ({ kind: item.kind.trim(), ref: item.ref.trim() })) },
          { idempotencyKey, ifMatch: view.revision },
        )
      }
      onDone={() => done(`Claim ${claimId} has been sent for verification.`)}
    >
      {(errorOf) => (
        <>
          <TextField name="claimId" label="Claim reference" value={claimId} onChange={setClaimId} error={errorOf('claimId')} width={20} spellCheck={false} />
          <SelectField
            name="placementId"
            label="Placement"
            value={placementId}
            onChange={setPlacementId}
            error={errorOf('placementId')}
            options={placements.map((placement) => ({ value: placement.placementId, text: `${placement.placementId}: child ${placement.childRef} from ${formatDate(placement.startDate)}` }))}
          />
          <SelectField
            name="outcomeCode"
            label="Outcome"
            value={outcomeCode}
            onChange={setOutcomeCode}
            error={errorOf('outcomeCode')}
            options={outcomes.map((outcome) => ({ value: outcome.code, text: `${outcome.code}: ${outcome.name}` }))}
          />
          <DateField name="achievedOn" label="Date achieved" value={achievedOn} onChange={setAchievedOn} error={errorOf('achievedOn')} />
          {evidence.map((item, index) => (
            <fieldset className="govuk-fieldset" key={index}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Evidence {index + 1}</legend>
              <TextField name={`evidence[${index}].kind`} label="Kind" hint="For example, enrolment letter" value={item.kind} onChange={(kind) => setEvidence(evidence.map((entry, at) => (at === index ? { ...entry, kind } : entry)))} error={errorOf(`evidence[${index}].kind`)} width={20} />
              <TextField name={`evidence[${index}].ref`} label="Reference" hint="Where the evidence is kept: a document reference, never personal details" value={item.ref} onChange={(ref) => setEvidence(evidence.map((entry, at) => (at === index ? { ...entry, ref } : entry)))} error={errorOf(`evidence[${index}].ref`)} />
            </fieldset>
          ))}
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setEvidence([...evidence, { kind: '', ref: '' }])}>
              Add more evidence
            </button>
            {evidence.length > 1 ? (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setEvidence(evidence.slice(0, -1))}>
                Remove evidence {evidence.length}
              </button>
            ) : null}
          </div>
        </>
      )}
    </CommandForm>
  );
}
