import { useState } from 'react';
import type { FeeDraft, OutcomeDraft, TermsDraft } from '../lib/terms-draft';
import { emptyFee, outcomeFromFramework } from '../lib/terms-draft';
import { formatPence } from '../lib/money';
import type { FrameworkEntry } from '../lib/types';
import { MoneyField, RadiosField, SelectField, TextField } from './fields';

const KIND_WORDS = { attainment: 'Achieved once (attainment)', improvement: 'Improvement in a measured score', duration: 'Earned from days in placement (duration)' };

/**
 * Fees by placement type, outcomes taken from the framework with the contract's own prices and parameters, and
 * caps. Field names follow the command's (`terms.fees[0].pricePence`) so the API's field errors land here.
 */
export function TermsEditor({
  draft,
  onChange,
  framework,
  errorOf,
  prefix = 'terms',
}: {
  draft: TermsDraft;
  onChange(next: TermsDraft): void;
  framework: FrameworkEntry[];
  errorOf(field: string): string | undefined;
  prefix?: string;
}) {
  const available = framework.filter((entry) => !entry.retired && !draft.outcomes.some((outcome) => outcome.code === entry.code));
  const [chosen, setChosen] = useState('');
  const setFee = (index: number, change: Partial<FeeDraft>) => onChange({ ...draft, fees: draft.fees.map((fee, at) => (at === index ? { ...fee, ...change } : fee)) });
  const setOutcome = (index: number, change: Partial<OutcomeDraft>) =>
    onChange({ ...draft, outcomes: draft.outcomes.map((outcome, at) => (at === index ? { ...outcome, ...change } : outcome)) });
  const addOutcome = () => {
    const entry = available.find((candidate) => candidate.code === (chosen || available[0]?.code));
    if (!entry) return;
    onChange({ ...draft, outcomes: [...draft.outcomes, outcomeFromFramework(entry)] });
    setChosen('');
  };

  return (
    <>
      <h2 className="govuk-heading-m">Fees</h2>
      <p className="govuk-body">Fees are paid for each night of a placement, by placement type. They are never capped.</p>
      {draft.fees.length === 0 ? <p className="govuk-body">No fees yet.</p> : null}
      {draft.fees.map((fee, index) => {
        const at = `${prefix}.fees[${index}]`;
        return (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={index}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Fee {index + 1}</legend>
            <TextField name={`${at}.code`} label="Code" value={fee.code} onChange={(code) => setFee(index, { code })} error={errorOf(`${at}.code`)} width={20} spellCheck={false} />
            <TextField name={`${at}.name`} label="Name" value={fee.name} onChange={(name) => setFee(index, { name })} error={errorOf(`${at}.name`)} width={30} />
            <MoneyField name={`${at}.pricePence`} label="Price" value={fee.price} onChange={(price) => setFee(index, { price })} error={errorOf(`${at}.pricePence`)} />
            <RadiosField
              name={`${at}.unitDays`}
              label="The price is"
              inline
              value={fee.unitDays}
              onChange={(unitDays) => setFee(index, { unitDays: unitDays === '1' ? '1' : '7' })}
              error={errorOf(`${at}.unitDays`)}
              options={[
                { value: '7', text: 'per week' },
                { value: '1', text: 'per night' },
              ]}
            />
            <TextField
              name={`${at}.placementTypes`}
              label="Placement types (optional)"
              hint="SSDA903 placement codes separated by commas, for example U1, U2, K2. Leave empty for every type."
              value={fee.placementTypes}
              onChange={(placementTypes) => setFee(index, { placementTypes })}
              error={errorOf(`${at}.placementTypes`)}
              width={20}
              spellCheck={false}
            />
            <button type="button" className="govuk-button govuk-button--warning" onClick={() => onChange({ ...draft, fees: draft.fees.filter((_, at2) => at2 !== index) })}>
              Remove fee {index + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange({ ...draft, fees: [...draft.fees, emptyFee()] })}>
        Add a fee
      </button>

      <h2 className="govuk-heading-m">Outcomes</h2>
      <p className="govuk-body">Outcomes come from the national outcomes framework. The contract sets its own price and may tailor the rules.</p>
      {draft.outcomes.length === 0 ? <p className="govuk-body">No outcomes yet.</p> : null}
      {draft.outcomes.map((outcome, index) => {
        const at = `${prefix}.outcomes[${index}]`;
        const entry = framework.find((candidate) => candidate.code === outcome.code);
        return (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={outcome.code || index}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Outcome {index + 1}: {outcome.code} ({outcome.category}, {KIND_WORDS[outcome.kind].toLowerCase()})
            </legend>
            {entry?.indicativePricePence !== undefined ? (
              <p className="govuk-hint">Indicative price in the framework: {formatPence(entry.indicativePricePence)}</p>
            ) : null}
            <TextField name={`${at}.name`} label="Name" value={outcome.name} onChange={(name) => setOutcome(index, { name })} error={errorOf(`${at}.name`)} width={30} />
            <MoneyField name={`${at}.pricePence`} label="Price" value={outcome.price} onChange={(price) => setOutcome(index, { price })} error={errorOf(`${at}.pricePence`)} />
            {outcome.kind === 'attainment' ? (
              <>
                <TextField name={`${at}.maxPerChild`} label="Claims allowed per child (optional)" hint="Leave empty for 1" value={outcome.maxPerChild} onChange={(maxPerChild) => setOutcome(index, { maxPerChild })} error={errorOf(`${at}.maxPerChild`)} width={3} inputMode="numeric" />
                <TextField name={`${at}.requires`} label="Requires outcome (optional)" value={outcome.requires} onChange={(requires) => setOutcome(index, { requires })} error={errorOf(`${at}.requires`)} width={20} spellCheck={false} />
                <TextField name={`${at}.minDaysAfterRequired`} label="Days after the required outcome (optional)" value={outcome.minDaysAfterRequired} onChange={(minDaysAfterRequired) => setOutcome(index, { minDaysAfterRequired })} error={errorOf(`${at}.minDaysAfterRequired`)} width={3} inputMode="numeric" />
                <TextField name={`${at}.claimWindowDays`} label="Claim within this many days (optional)" value={outcome.claimWindowDays} onChange={(claimWindowDays) => setOutcome(index, { claimWindowDays })} error={errorOf(`${at}.claimWindowDays`)} width={3} inputMode="numeric" />
              </>
            ) : null}
            {outcome.kind === 'improvement' ? (
              <>
                <TextField name={`${at}.instrument`} label="Measure" value={outcome.instrument} onChange={(instrument) => setOutcome(index, { instrument })} error={errorOf(`${at}.instrument`)} width={20} />
                <RadiosField
                  name={`${at}.direction`}
                  label="Better scores are"
                  inline
                  value={outcome.direction}
                  onChange={(direction) => setOutcome(index, { direction: direction === 'higher' ? 'higher' : 'lower' })}
                  options={[
                    { value: 'lower', text: 'lower' },
                    { value: 'higher', text: 'higher' },
                  ]}
                />
                <TextField name={`${at}.minImprovement`} label="Minimum improvement" value={outcome.minImprovement} onChange={(minImprovement) => setOutcome(index, { minImprovement })} error={errorOf(`${at}.minImprovement`)} width={3} inputMode="numeric" />
              </>
            ) : null}
            {outcome.kind === 'duration' ? (
              <>
                <TextField name={`${at}.unitDays`} label="Days per unit" value={outcome.unitDays} onChange={(unitDays) => setOutcome(index, { unitDays })} error={errorOf(`${at}.unitDays`)} width={4} inputMode="numeric" />
                <TextField name={`${at}.maxUnitsPerChild`} label="Units per child (optional)" value={outcome.maxUnitsPerChild} onChange={(maxUnitsPerChild) => setOutcome(index, { maxUnitsPerChild })} error={errorOf(`${at}.maxUnitsPerChild`)} width={3} inputMode="numeric" />
                <TextField name={`${at}.placementTypes`} label="Placement types (optional)" hint="SSDA903 placement codes separated by commas" value={outcome.placementTypes} onChange={(placementTypes) => setOutcome(index, { placementTypes })} error={errorOf(`${at}.placementTypes`)} width={20} spellCheck={false} />
              </>
            ) : null}
            <button type="button" className="govuk-button govuk-button--warning" onClick={() => onChange({ ...draft, outcomes: draft.outcomes.filter((_, at2) => at2 !== index) })}>
              Remove outcome {outcome.code}
            </button>
          </fieldset>
        );
      })}
      {available.length > 0 ? (
        <div className="govuk-form-group">
          <SelectField
            name="framework-outcome"
            label="Outcome from the framework"
            value={chosen || available[0].code}
            onChange={setChosen}
            options={available.map((entry) => ({
              value: entry.code,
              text: `${entry.code}: ${entry.name}${entry.indicativePricePence !== undefined ? ` (${formatPence(entry.indicativePricePence)})` : ''}`,
            }))}
          />
          <button type="button" className="govuk-button govuk-button--secondary" onClick={addOutcome}>
            Add this outcome
          </button>
        </div>
      ) : (
        <p className="govuk-body">{framework.length === 0 ? 'The outcomes framework has no outcomes published yet.' : 'Every outcome of the framework is in these terms.'}</p>
      )}

      <h2 className="govuk-heading-m">Caps on outcome payments</h2>
      <MoneyField name={`${prefix}.caps.perChildPence`} label="Cap per child (optional)" hint="Across all of a child’s outcomes and units" value={draft.perChildCap} onChange={(perChildCap) => onChange({ ...draft, perChildCap })} error={errorOf(`${prefix}.caps.perChildPence`)} />
      <MoneyField name={`${prefix}.caps.contractPence`} label="Cap for the whole contract (optional)" value={draft.contractCap} onChange={(contractCap) => onChange({ ...draft, contractCap })} error={errorOf(`${prefix}.caps.contractPence`)} />
    </>
  );
}
