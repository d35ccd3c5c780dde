import 'reflect-metadata';
import * as path from 'node:path';
import { commandFromEvent, requestOf, validateCommandBody, type ContractCommandType } from '@ledger/contracts-domain';
import { PublishDefinitionDto, RetireDefinitionDto, validateBody } from '@ledger/outcome-framework-feature';
import { validatePublishBody } from '@ledger/outcome-framework-domain';
import { EXAMPLES_FOLDER, loadExampleFolders, readNdjson } from '@ledger/testing';
import { COMMAND_BODIES } from './command-bodies';

const START = { placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-05-01', placementType: 'U4' };
const PAY = { paymentId: 'PAY-1', amountPence: 1, direction: 'toProvider', paidOn: '2024-05-01', reference: 'BACS' };
const FEE = { code: 'F', name: 'Fee', pricePence: 82000, unitDays: 7 };
const OUTCOME = { code: 'O', name: 'Outcome', category: 'hard', pricePence: 100, kind: 'attainment', claimWindowDays: 60 };
const TERMS = { fees: [FEE], outcomes: [OUTCOME], caps: {} };
const DRAFT = { contractId: 'C-1', commissionerId: 'LA', providerId: 'P', title: 'T', startDate: '2024-04-01', endDate: '2025-03-31', terms: TERMS };
const CLAIM = { claimId: 'CL-1', placementId: 'PL-1', childRef: 'CH-1', outcomeCode: 'O', achievedOn: '2024-05-01', evidence: [{ kind: 'doc', ref: 'R' }] };
const PUBLISH = { code: 'EET', name: 'EET', category: 'hard', definition: { kind: 'attainment', maxPerChild: 1 } };

/** One bad body per rule; the second column is the field both validators must name (empty: both accept). */
const BODIES: [string, ContractCommandType, unknown, string[]][] = [
  ['a well-formed start', 'StartPlacement', START, []],
  ['an unknown member', 'StartPlacement', { ...START, notes: 'x' }, ['notes']],
  ['a wrong type', 'StartPlacement', { ...START, startDate: 20240501 }, ['startDate']],
  ['an impossible date', 'StartPlacement', { ...START, startDate: '2025-02-30' }, ['startDate']],
  ['a bad id', 'StartPlacement', { ...START, placementId: 'PL 3001!' }, ['placementId']],
  ['an id starting with a dash', 'StartPlacement', { ...START, childRef: '-CH' }, ['childRef']],
  ['null in an optional member', 'StartPlacement', { ...START, endDate: null }, ['endDate']],
  ['a missing member', 'StartPlacement', { placementId: 'PL-1' }, ['childRef', 'placementType', 'startDate']],
  ['a reasonCode without an endDate', 'StartPlacement', { ...START, reasonCode: 'E4A' }, ['reasonCode']],
  ['a reasonCode with an endDate', 'StartPlacement', { ...START, endDate: '2024-06-01', reasonCode: 'E4A' }, []],
  ['an over-long placement type', 'StartPlacement', { ...START, placementType: 'U'.repeat(501) }, ['placementType']],
  ['an empty placement type', 'StartPlacement', { ...START, placementType: '' }, ['placementType']],
  ['an ssda903 member missing', 'StartPlacement', { ...START, ssda903: { rne: 'S', ls: 'C2', cin: 'N1', placeProvider: 'PR1' } }, ['ssda903.urn']],
  ['1.5 pence', 'RecordPayment', { ...PAY, amountPence: 1.5 }, ['amountPence']],
  ['0 pence', 'RecordPayment', { ...PAY, amountPence: 0 }, ['amountPence']],
  ['10^12 pence', 'RecordPayment', { ...PAY, amountPence: 1_000_000_000_000 }, []],
  ['10^12 + 1 pence', 'RecordPayment', { ...PAY, amountPence: 1_000_000_000_001 }, ['amountPence']],
  ['pence as a string (no conversion)', 'RecordPayment', { ...PAY, amountPence: '100' }, ['amountPence']],
  ['a direction outside the enum', 'RecordPayment', { ...PAY, direction: 'sideways' }, ['direction']],
  ['a 501-character reference', 'RecordPayment', { ...PAY, reference: 'r'.repeat(501) }, ['reference']],
  ['a 2,000-character reason', 'TerminateContract', { terminatedOn: '2024-05-01', reason: 'r'.repeat(2000) }, []],
  ['a 2,001-character reason', 'TerminateContract', { terminatedOn: '2024-05-01', reason: 'r'.repeat(2001) }, ['reason']],
  ['an optional reason as null', 'AcceptVariation', { reason: null }, ['reason']],
  ['no reason at all', 'DeclineVariation', {}, []],
  ['a correction clearing the end date', 'CorrectPlacementDates', { startDate: '2024-05-01', endDate: null, reason: 'r' }, []],
  ['a correction without endDate', 'CorrectPlacementDates', { startDate: '2024-05-01', reason: 'r' }, ['endDate']],
  ['a verification sends {}', 'VerifyClaim', {}, []],
  ['a verification with a member', 'VerifyClaim', { note: 'x' }, ['note']],
  ['a body that is a list', 'VerifyClaim', [], ['(body)']],
  ['a body that is a string', 'ClosePeriod', 'close', ['(body)']],
  ['a non-integer score', 'RecordMeasurement', { measurementId: 'M', childRef: 'CH', instrument: 'SDQ', score: 1.5, measuredOn: '2024-05-01' }, ['score']],
  ['a negative score', 'RecordMeasurement', { measurementId: 'M', childRef: 'CH', instrument: 'SDQ', score: -3, measuredOn: '2024-05-01' }, []],
  ['an empty evidence list', 'ClaimOutcome', { ...CLAIM, evidence: [] }, ['evidence']],
  ['evidence that is not a list', 'ClaimOutcome', { ...CLAIM, evidence: 'doc' }, ['evidence']],
  ['an evidence ref of 2,001 characters', 'ClaimOutcome', { ...CLAIM, evidence: [{ kind: 'doc', ref: 'r'.repeat(2001) }] }, ['evidence[0].ref']],
  ['an unknown evidence member', 'ClaimOutcome', { ...CLAIM, evidence: [{ kind: 'doc', ref: 'R', url: 'x' }] }, ['evidence[0].url']],
  ['a party outside the enum', 'SignContract', { party: 'auditor', signedBy: 'x', signedOn: '2024-04-01' }, ['party']],
  ['a well-formed draft', 'DraftContract', DRAFT, []],
  ['terms: fee pence 1.5', 'DraftContract', { ...DRAFT, terms: { ...TERMS, fees: [{ ...FEE, pricePence: 1.5 }] } }, ['terms.fees[0].pricePence']],
  ['terms: fee unitDays 3', 'AmendTerms', { terms: { ...TERMS, fees: [{ ...FEE, unitDays: 3 }] } }, ['terms.fees[0].unitDays']],
  ['terms: fee placement types empty', 'AmendTerms', { terms: { ...TERMS, fees: [{ ...FEE, placementTypes: [] }] } }, ['terms.fees[0].placementTypes']],
  ['terms: a fee code twice', 'AmendTerms', { terms: { ...TERMS, fees: [FEE, FEE] } }, ['terms.fees[1].code']],
  ['terms: an outcome code twice', 'AmendTerms', { terms: { ...TERMS, outcomes: [OUTCOME, OUTCOME] } }, ['terms.outcomes[1].code']],
  ['terms: an unknown member', 'AmendTerms', { terms: { ...TERMS, extra: 1 } }, ['terms.extra']],
  ['terms: caps missing', 'AmendTerms', { terms: { fees: [FEE], outcomes: [OUTCOME] } }, ['terms.caps']],
  ['terms: a cap of 0', 'AmendTerms', { terms: { ...TERMS, caps: { contractPence: 0 } } }, ['terms.caps.contractPence']],
  ['terms: a cap as null', 'AmendTerms', { terms: { ...TERMS, caps: { perChildPence: null } } }, ['terms.caps.perChildPence']],
  ['terms: an outcome of another kind\'s member', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ ...OUTCOME, unitDays: 7 }] } }, ['terms.outcomes[0].unitDays']],
  ['terms: an outcome of an unknown kind', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ ...OUTCOME, kind: 'bonus' }] } }, ['terms.outcomes[0].kind']],
  ['terms: an improvement without its instrument', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ code: 'I', name: 'I', category: 'soft', pricePence: 5, kind: 'improvement', direction: 'lower', minImprovement: 2 }] } }, ['terms.outcomes[0].instrument']],
  ['terms: a duration outcome', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ code: 'D', name: 'D', category: 'soft', pricePence: 5, kind: 'duration', unitDays: 28, placementTypes: ['U4'] }] } }, []],
  ['terms: an outcome member as null', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ ...OUTCOME, claimWindowDays: null }] } }, ['terms.outcomes[0].claimWindowDays']],
  ['terms: an outcome of 0 pence', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ ...OUTCOME, pricePence: 0 }] } }, ['terms.outcomes[0].pricePence']],
  ['a variation with an impossible date', 'ProposeVariation', { variationId: 'V', effectiveFrom: '2024-02-30', terms: TERMS, reason: 'r' }, ['effectiveFrom']],
];

const fieldsOf = (errors: readonly { field: string }[]) => [...new Set(errors.map((error) => error.field || '(body)'))].sort();

function exampleBodies(): [string, ContractCommandType, Record<string, unknown>][] {
  return loadExampleFolders().flatMap((example) => {
    const contractId = (example.events[0].data as { contractId: string }).contractId;
    return example.events.flatMap((event) => {
      const command = commandFromEvent(event, contractId);
      return command ? [[`${example.name} r${event.revision} ${command.type}`, command.type, requestOf(command).body] as [string, ContractCommandType, Record<string, unknown>]] : [];
    });
  });
}

describe('the HTTP DTOs and the domain validator agree (one rule set, two readers: ADR 0008)', () => {
  it('every command type has a DTO', () => {
    expect(Object.keys(COMMAND_BODIES).sort()).toHaveLength(18);
  });

  const examples = exampleBodies();
  it('finds the examples\' commands', () => expect(examples.length).toBeGreaterThan(50));

  it.each(examples)('%s: both accept the body the example recorded', async (_name, type, body) => {
    expect(validateCommandBody(type, body)).toEqual([]);
    expect(await validateBody(COMMAND_BODIES[type], body)).toEqual([]);
  });

  it.each(BODIES)('%s (%s): both name %j', async (_name, type, body, fields) => {
    expect(fieldsOf(validateCommandBody(type, body))).toEqual([...fields].sort());
    expect(fieldsOf(await validateBody(COMMAND_BODIES[type], body))).toEqual([...fields].sort());
  });

  it.each((readNdjson(path.join(EXAMPLES_FOLDER, 'framework.ndjson')) as Record<string, unknown>[]).map((body) => [body['code'], body] as const))(
    'the examples\' publication of %s: both accept it',
    async (_code, body) => {
      expect(validatePublishBody(body)).toEqual([]);
      expect(await validateBody(PublishDefinitionDto, body)).toEqual([]);
    },
  );

  it.each<[string, unknown, string[]]>([
    ['a publication', PUBLISH, []],
    ['with an empty source', { ...PUBLISH, source: '' }, []],
    ['with a 501-character source', { ...PUBLISH, source: 's'.repeat(501) }, ['source']],
    ['with an unknown member', { ...PUBLISH, version: 2 }, ['version']],
    ['with a null price', { ...PUBLISH, indicativePricePence: null }, ['indicativePricePence']],
    ['with 1.5 pence', { ...PUBLISH, indicativePricePence: 1.5 }, ['indicativePricePence']],
    ['with a bad code', { ...PUBLISH, code: 'E E T' }, ['code']],
    ['a duration without unitDays', { ...PUBLISH, definition: { kind: 'duration' } }, ['definition.unitDays']],
    ['an attainment with a duration member', { ...PUBLISH, definition: { kind: 'attainment', maxUnitsPerChild: 2 } }, ['definition.maxUnitsPerChild']],
    ['an improvement with a direction outside the enum', { ...PUBLISH, definition: { kind: 'improvement', instrument: 'SDQ', direction: 'up', minImprovement: 1 } }, ['definition.direction']],
  ])('publishing %s: both name %j', async (_name, body, fields) => {
    expect(fieldsOf(validatePublishBody(body))).toEqual([...fields].sort());
    expect(fieldsOf(await validateBody(PublishDefinitionDto, body))).toEqual([...fields].sort());
  });

  it.each<[string, unknown, string[]]>([
    ['a reason', { reason: 'superseded' }, []],
    ['no reason', {}, ['reason']],
    ['an empty reason', { reason: '' }, ['reason']],
    ['a 2,001-character reason', { reason: 'r'.repeat(2001) }, ['reason']],
    ['an unknown member', { reason: 'r', by: 'me' }, ['by']],
  ])('retiring with %s: the DTO (read only over HTTP, no domain reader) names %j', async (_name, body, fields) => {
    expect(fieldsOf(await validateBody(RetireDefinitionDto, body))).toEqual([...fields].sort());
  });
});

describe('validateBody: the DTO rules issue 5 names, with their messages', () => {
  it.each<[string, ContractCommandType, unknown, { field: string; message: string }[]]>([
    ['an unknown member', 'StartPlacement', { ...START, notes: 'x' }, [{ field: 'notes', message: 'is not a member of this command' }]],
    ['a wrong type', 'StartPlacement', { ...START, childRef: 7 }, [{ field: 'childRef', message: expect.stringContaining('must be an id') }]],
    ['2025-02-30', 'StartPlacement', { ...START, startDate: '2025-02-30' }, [{ field: 'startDate', message: 'must be a real calendar date YYYY-MM-DD' }]],
    ['a bad id', 'StartPlacement', { ...START, placementId: 'PL 3001!' }, [{ field: 'placementId', message: expect.stringContaining('must be an id') }]],
    ['1.5 pence', 'RecordPayment', { ...PAY, amountPence: 1.5 }, [{ field: 'amountPence', message: 'must be an integer number of pence from 1 to 1000000000000' }]],
    ['0 pence', 'RecordPayment', { ...PAY, amountPence: 0 }, [{ field: 'amountPence', message: 'must be an integer number of pence from 1 to 1000000000000' }]],
    ['1e12 + 1 pence', 'RecordPayment', { ...PAY, amountPence: 1e12 + 1 }, [{ field: 'amountPence', message: 'must be an integer number of pence from 1 to 1000000000000' }]],
    ['a 501-character string', 'RecordPayment', { ...PAY, reference: 'r'.repeat(501) }, [{ field: 'reference', message: 'must be a string of 1 to 500 characters' }]],
    ['null in an optional member', 'StartPlacement', { ...START, endDate: null }, [{ field: 'endDate', message: 'is optional: omit it rather than send null' }]],
    ['a missing member', 'RecordPayment', { ...PAY, paidOn: undefined }, [{ field: 'paidOn', message: 'is required' }]],
    ['terms as a list', 'AmendTerms', { terms: [] }, [{ field: 'terms', message: 'must be a JSON object' }]],
    ['a nested pence', 'AmendTerms', { terms: { ...TERMS, fees: [FEE, { ...FEE, code: 'G', pricePence: 1.5 }] } }, [{ field: 'terms.fees[1].pricePence', message: expect.stringContaining('pence') }]],
  ])('%s', async (_name, type, body, errors) => {
    expect(await validateBody(COMMAND_BODIES[type], body)).toEqual(errors);
  });
});
