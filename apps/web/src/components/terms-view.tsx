import { assertNever } from '../lib/contract-view';
import { formatPence } from '../lib/money';
import type { Terms, TermsOutcome } from '../lib/types';
import { Money } from './govuk';

function ruleOf(outcome: TermsOutcome): string {
  switch (outcome.kind) {
    case 'attainment': {
      const parts = [`up to ${outcome.maxPerChild ?? 1} per child`];
      if (outcome.requires) parts.push(`after ${outcome.requires}${outcome.minDaysAfterRequired ? ` by at least ${outcome.minDaysAfterRequired} days` : ''}`);
      if (outcome.claimWindowDays !== undefined) parts.push(`claimed within ${outcome.claimWindowDays} days`);
      return parts.join(', ');
    }
    case 'improvement':
      return `${outcome.instrument} ${outcome.direction === 'lower' ? 'falls' : 'rises'} by at least ${outcome.minImprovement}`;
    case 'duration':
      return `every ${outcome.unitDays} days in placement${outcome.maxUnitsPerChild !== undefined ? `, up to ${outcome.maxUnitsPerChild} units per child` : ''}${
        outcome.placementTypes ? ` (types ${outcome.placementTypes.join(', ')})` : ''
      }`;
    default:
      return assertNever(outcome);
  }
}

export function TermsView({ terms, caption }: { terms: Terms; caption: string }) {
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}: fees</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Fee</th>
            <th scope="col" className="govuk-table__header">Placement types</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Price</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {terms.fees.length === 0 ? (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={3}>No fees.</td>
            </tr>
          ) : null}
          {terms.fees.map((fee) => (
            <tr className="govuk-table__row" key={fee.code}>
              <th scope="row" className="govuk-table__header">
                {fee.name} <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{fee.code}</span>
              </th>
              <td className="govuk-table__cell">{fee.placementTypes?.join(', ') ?? 'Any'}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <Money pence={fee.pricePence} /> {fee.unitDays === 7 ? 'a week' : 'a night'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}: outcomes</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Outcome</th>
            <th scope="col" className="govuk-table__header">Category</th>
            <th scope="col" className="govuk-table__header">Rule</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Price</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {terms.outcomes.length === 0 ? (
            <tr className="govuk-table__row">
              <td className="govuk-table__cell" colSpan={4}>No outcomes.</td>
            </tr>
          ) : null}
          {terms.outcomes.map((outcome) => (
            <tr className="govuk-table__row" key={outcome.code}>
              <th scope="row" className="govuk-table__header">
                {outcome.name} <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{outcome.code}</span>
              </th>
              <td className="govuk-table__cell">{outcome.category}</td>
              <td className="govuk-table__cell">{ruleOf(outcome)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <Money pence={outcome.pricePence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="govuk-body">
        Caps on outcome payments: {terms.caps.perChildPence !== undefined ? `${formatPence(terms.caps.perChildPence)} per child` : 'no cap per child'};{' '}
        {terms.caps.contractPence !== undefined ? `${formatPence(terms.caps.contractPence)} for the contract` : 'no cap for the contract'}.
      </p>
    </>
  );
}
