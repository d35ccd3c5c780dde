import type { RecordedContractEvent } from '../lib/types';

let position = 100;

/** A stored event of contract SWK-1, with an envelope like the store's. */
export function event(revision: number, type: string, data: unknown, recordedAt = '2024-05-03T09:00:00.000Z'): RecordedContractEvent {
  position += 1;
  return {
    streamId: 'contract-SWK-1', revision, globalPosition: String(position), id: `id-${revision}`, type, data,
    metadata: {
      actor: { sub: 'someone', role: 'commissioner', org: 'LA-SOUTHWARK' }, commandId: `cmd-${revision}`, correlationId: `corr-${revision}`, recordedAt,
      schemaVersion: 1, prevHash: String(revision).repeat(64).slice(0, 64), hash: String(revision + 1).repeat(64).slice(0, 64),
    },
  } as RecordedContractEvent;
}

export const TERMS = {
  fees: [{ code: 'FOSTER-IFA', name: 'Fostering, weekly', pricePence: 82000, unitDays: 7, placementTypes: ['U1'] }],
  outcomes: [{ code: 'CL-COURSE-START', name: 'Begins a course', category: 'hard', kind: 'attainment', pricePence: 22000 }],
  caps: { perChildPence: 500000 },
};

/** Drafted, signed by both, agreed, one placement and one pending claim: revision 5. */
export const EVENTS = [
  event(0, 'ContractDrafted', { contractId: 'SWK-1', commissionerId: 'LA-SOUTHWARK', providerId: 'PRV-BRIGHTFUTURES', title: 'Fostering 2024', startDate: '2024-04-01', endDate: '2025-03-31', terms: TERMS }),
  event(1, 'ContractSigned', { party: 'commissioner', signedBy: 'A', signedOn: '2024-03-20' }),
  event(2, 'ContractSigned', { party: 'provider', signedBy: 'B', signedOn: '2024-03-21' }),
  event(3, 'ContractAgreed', { agreedOn: '2024-03-21', termsHash: 'f'.repeat(64) }),
  event(4, 'PlacementStarted', { placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-04-12', placementType: 'U1' }),
  event(5, 'OutcomeClaimed', { claimId: 'CL-1', placementId: 'PL-1', childRef: 'CH-1', outcomeCode: 'CL-COURSE-START', achievedOn: '2024-06-03', claimedOn: '2024-06-10', evidence: [{ kind: 'enrolment', ref: 'DOC-77' }] }),
];

export const STATEMENT = {
  contractId: 'SWK-1', period: '2024-04', status: 'provisional', asOf: '2024-07-15T09:00:00.000Z',
  lines: [{ type: 'fee', placementId: 'PL-1', childRef: 'CH-1', feeCode: 'FOSTER-IFA', days: 19, amountPence: 222571, sources: [0, 4] }],
  totals: { feesPence: 222571, outcomesPence: 0, clawbacksPence: 0, earnedPence: 222571, paidPence: 0, earnedToDatePence: 222571, paidToDatePence: 0, balancePence: 222571 },
};

export const COMMISSIONER = { role: 'commissioner', org: 'LA-SOUTHWARK' } as const;
