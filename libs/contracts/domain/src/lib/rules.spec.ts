import type { ContractEvent, OutcomeKind, Terms } from '@ledger/contracts-model';
import { type Actor, hashOfCanonical, isRejection } from '@ledger/kernel';
import { record } from '../test/fixtures';
import type { ContractCommand } from './commands';
import { authoriseRead } from './authorise';
import { decide } from './decide';
import { nowOf } from './history';
import { type ContractStreamEvent, foldContract } from './state';

/** Spec section 4, sentence by sentence: given the events of accepted commands, when a command, then events or a code. */

type Body = ContractCommand extends infer C ? (C extends unknown ? Omit<C, 'contractId' | 'actor'> : never) : never;
interface Step {
  by: Actor;
  at: string;
  body: Body;
}

const ID = 'T-1';
const COMMISSIONER: Actor = { sub: 'c@la', role: 'commissioner', org: 'LA-TEST' };
const PROVIDER: Actor = { sub: 'p@prv', role: 'provider', org: 'PRV-TEST' };
const framework = new Map<string, OutcomeKind>([
  ['JOB', 'attainment'],
  ['EARN', 'attainment'],
  ['STAB', 'attainment'],
  ['SDQ', 'improvement'],
  ['STABLE-28', 'duration'],
]);

const TERMS: Terms = {
  fees: [{ code: 'FOSTER', name: 'Foster, weekly', pricePence: 70000, unitDays: 7, placementTypes: ['U4', 'U5'] }],
  outcomes: [
    { code: 'JOB', name: 'Job', category: 'hard', pricePence: 100000, kind: 'attainment', claimWindowDays: 30 },
    { code: 'EARN', name: 'Earnings', category: 'hard', pricePence: 200000, kind: 'attainment', requires: 'JOB', minDaysAfterRequired: 28 },
    { code: 'STAB', name: 'Stability', category: 'soft', pricePence: 20000, kind: 'attainment', maxPerChild: 2 },
    { code: 'SDQ', name: 'SDQ', category: 'soft', pricePence: 50000, kind: 'improvement', instrument: 'SDQ-TOTAL', direction: 'lower', minImprovement: 4 },
    { code: 'STABLE-28', name: 'Stable', category: 'soft', pricePence: 25000, kind: 'duration', unitDays: 28 },
  ],
  caps: { perChildPence: 250000 },
};
const NO_JOB: Terms = { ...TERMS, outcomes: TERMS.outcomes.filter((o) => o.code !== 'JOB') };

const at = (date: string, time = '10:00') => `${date}T${time}:00.000Z`;
const by = (actor: Actor, date: string, body: Body, time?: string): Step => ({ by: actor, at: at(date, time), body });
const c = (date: string, body: Body, time?: string) => by(COMMISSIONER, date, body, time);
const p = (date: string, body: Body, time?: string) => by(PROVIDER, date, body, time);

const DRAFT = c('2024-03-01', {
  type: 'DraftContract',
  commissionerId: 'LA-TEST',
  providerId: 'PRV-TEST',
  title: 'Test contract',
  startDate: '2024-04-01',
  endDate: '2025-03-31',
  terms: TERMS,
});
const AGREED = [
  DRAFT,
  p('2024-03-02', { type: 'SignContract', party: 'provider', signedBy: 'p@prv', signedOn: '2024-03-02' }),
  c('2024-03-03', { type: 'SignContract', party: 'commissioner', signedBy: 'c@la', signedOn: '2024-03-03' }),
];
const place = (date: string, placementId: string, childRef: string, startDate: string, extra: Partial<Body> = {}) =>
  c(date, { type: 'StartPlacement', placementId, childRef, startDate, placementType: 'U4', ...extra } as Body);
const claim = (date: string, claimId: string, outcomeCode: string, achievedOn: string, placementId = 'PL-1', childRef = 'CH-1') =>
  p(date, { type: 'ClaimOutcome', claimId, placementId, childRef, outcomeCode, achievedOn, evidence: [{ kind: 'doc', ref: 'R' }] });
const measure = (date: string, measurementId: string, score: number, measuredOn: string) =>
  p(date, { type: 'RecordMeasurement', measurementId, childRef: 'CH-1', instrument: 'SDQ-TOTAL', score, measuredOn });
const verify = (date: string, claimId: string) => c(date, { type: 'VerifyClaim', claimId });
const close = (date: string, period: string) => c(date, { type: 'ClosePeriod', period });
const terminate = (date: string, terminatedOn: string) => c(date, { type: 'TerminateContract', terminatedOn, reason: 'ended' });
const propose = (date: string, variationId: string, effectiveFrom: string, terms: Terms, endDate?: string) =>
  p(date, { type: 'ProposeVariation', variationId, effectiveFrom, terms, reason: 'change', ...(endDate ? { endDate } : {}) } as Body);
const accept = (date: string, variationId: string) => c(date, { type: 'AcceptVariation', variationId });
const PLACED = [...AGREED, place('2024-04-01', 'PL-1', 'CH-1', '2024-04-01')];

function run(stream: ContractStreamEvent[], step: Step) {
  const now = nowOf(step.at);
  if (!now) throw new Error(`bad instant ${step.at}`);
  return decide({ ...step.body, contractId: ID, actor: step.by } as ContractCommand, foldContract(stream), now, { framework });
}

function given(steps: readonly Step[]): ContractStreamEvent[] {
  return steps.reduce<ContractStreamEvent[]>((stream, step) => {
    const decision = run(stream, step);
    if (isRejection(decision)) throw new Error(`given ${step.body.type} was refused: ${decision.code} ${decision.message}`);
    return record(stream, decision, step.by, step.at);
  }, []);
}

type Then = string | ContractEvent[] | ((events: ContractEvent[]) => void);
type Row = [name: string, given: readonly Step[], when: Step, then: Then];

const rows: Row[] = [
  // Dates and terms in force
  ['An effectiveFrom outside the contract is OUTSIDE_TERM', AGREED, propose('2024-04-02', 'V1', '2025-04-01', TERMS), 'OUTSIDE_TERM'],
  [
    'effectiveFrom lies within the contract as the variation would leave it: after the old end, with a new endDate',
    AGREED,
    propose('2024-04-02', 'V1', '2025-04-01', TERMS, '2025-06-30'),
    [{ type: 'VariationProposed', data: { variationId: 'V1', proposedBy: 'provider', effectiveFrom: '2025-04-01', terms: TERMS, endDate: '2025-06-30', reason: 'change' } }],
  ],
  [
    'effectiveFrom is checked again at acceptance: an accepted variation ending the contract earlier leaves a pending one outside',
    [...AGREED, propose('2024-04-02', 'V1', '2025-02-01', TERMS), propose('2024-04-03', 'V2', '2024-06-01', TERMS, '2025-01-31'), accept('2024-04-04', 'V2')],
    accept('2024-04-05', 'V1'),
    'OUTSIDE_TERM',
  ],
  [
    "The contract's endDate is that of the most recently accepted variation that set one: a start after the original end is allowed",
    [...AGREED, propose('2024-04-02', 'V1', '2025-04-01', TERMS, '2025-06-30'), accept('2024-04-03', 'V1')],
    place('2024-04-04', 'PL-9', 'CH-9', '2025-05-01'),
    (events) => expect(events.map((e) => e.type)).toEqual(['PlacementStarted']),
  ],
  [
    'Terms in force on day d are those of the accepted variation with the greatest effectiveFrom <= d: an outcome the variation removed is UNKNOWN_OUTCOME after it',
    [...PLACED, propose('2024-04-02', 'V1', '2024-06-01', NO_JOB), accept('2024-04-03', 'V1')],
    claim('2024-06-06', 'CL-1', 'JOB', '2024-06-05'),
    'UNKNOWN_OUTCOME',
  ],
  [
    '... and the original terms before it',
    [...PLACED, propose('2024-04-02', 'V1', '2024-06-01', NO_JOB), accept('2024-04-03', 'V1')],
    claim('2024-06-06', 'CL-1', 'JOB', '2024-05-31'),
    (events) => expect(events.map((e) => e.type)).toEqual(['OutcomeClaimed']),
  ],
  [
    'Every outcome code of terms must be published with the same kind (UNKNOWN_OUTCOME)',
    AGREED,
    propose('2024-04-02', 'V1', '2024-06-01', { ...TERMS, outcomes: [{ code: 'NOPE', name: 'x', category: 'hard', pricePence: 1, kind: 'attainment' }] }),
    'UNKNOWN_OUTCOME',
  ],
  // Lifecycle
  ['Terms can be amended only in draft (NOT_DRAFT)', AGREED, c('2024-04-01', { type: 'AmendTerms', terms: NO_JOB }), 'NOT_DRAFT'],
  ['Everything else needs agreed (NOT_AGREED)', [DRAFT], place('2024-03-02', 'PL-1', 'CH-1', '2024-04-01'), 'NOT_AGREED'],
  ['Amending draft terms with identical terms appends nothing', [DRAFT], c('2024-03-02', { type: 'AmendTerms', terms: TERMS }), []],
  [
    'Amending draft terms removes existing signatures: the next signature does not agree the contract',
    [DRAFT, AGREED[1], c('2024-03-03', { type: 'AmendTerms', terms: NO_JOB })],
    c('2024-03-04', { type: 'SignContract', party: 'commissioner', signedBy: 'c@la', signedOn: '2024-03-04' }),
    [{ type: 'ContractSigned', data: { party: 'commissioner', signedBy: 'c@la', signedOn: '2024-03-04' } }],
  ],
  [
    'The second signature brings ContractAgreed: agreedOn the later signedOn, termsHash of the terms',
    [DRAFT, c('2024-03-02', { type: 'SignContract', party: 'commissioner', signedBy: 'c@la', signedOn: '2024-03-05' })],
    p('2024-03-03', { type: 'SignContract', party: 'provider', signedBy: 'p@prv', signedOn: '2024-03-03' }),
    [
      { type: 'ContractSigned', data: { party: 'provider', signedBy: 'p@prv', signedOn: '2024-03-03' } },
      { type: 'ContractAgreed', data: { agreedOn: '2024-03-05', termsHash: hashOfCanonical(TERMS) } },
    ],
  ],
  ['Signing an agreed contract is NOT_DRAFT', AGREED, p('2024-03-04', { type: 'SignContract', party: 'provider', signedBy: 'p', signedOn: '2024-03-04' }), 'NOT_DRAFT'],
  ['A party signs once (ALREADY_SIGNED)', AGREED.slice(0, 2), p('2024-03-04', { type: 'SignContract', party: 'provider', signedBy: 'p', signedOn: '2024-03-04' }), 'ALREADY_SIGNED'],
  ['terminatedOn lies within the contract', AGREED, terminate('2024-04-02', '2025-04-01'), 'OUTSIDE_TERM'],
  [
    'terminatedOn may be in the past, even in a closed period',
    [...PLACED, close('2024-05-02', '2024-04')],
    terminate('2024-05-03', '2024-04-15'),
    [{ type: 'ContractTerminated', data: { terminatedOn: '2024-04-15', reason: 'ended' } }],
  ],
  ['After termination a placement start is CONTRACT_TERMINATED', [...PLACED, terminate('2024-05-01', '2024-05-01')], place('2024-05-02', 'PL-2', 'CH-2', '2024-04-10'), 'CONTRACT_TERMINATED'],
  ['After termination a measurement is CONTRACT_TERMINATED', [...PLACED, terminate('2024-05-01', '2024-05-01')], measure('2024-05-02', 'M-1', 20, '2024-04-10'), 'CONTRACT_TERMINATED'],
  [
    'After termination accepting a pending variation is CONTRACT_TERMINATED',
    [...PLACED, propose('2024-04-20', 'V1', '2024-06-01', TERMS), terminate('2024-05-01', '2024-05-01')],
    accept('2024-05-02', 'V1'),
    'CONTRACT_TERMINATED',
  ],
  ['After termination a second termination is CONTRACT_TERMINATED', [...PLACED, terminate('2024-05-01', '2024-05-01')], terminate('2024-05-02', '2024-04-20'), 'CONTRACT_TERMINATED'],
  [
    'After termination an outcome achieved on terminatedOn is ACHIEVED_OUTSIDE_PLACEMENT',
    [...PLACED, terminate('2024-05-01', '2024-04-20')],
    claim('2024-05-02', 'CL-1', 'JOB', '2024-04-20'),
    'ACHIEVED_OUTSIDE_PLACEMENT',
  ],
  [
    'After termination a placement may end on terminatedOn',
    [...PLACED, terminate('2024-05-01', '2024-04-20')],
    c('2024-05-02', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-20', reasonCode: 'X1' }),
    [{ type: 'PlacementEnded', data: { placementId: 'PL-1', endDate: '2024-04-20', reasonCode: 'X1' } }],
  ],
  [
    'After termination payments go on',
    [...PLACED, terminate('2024-05-01', '2024-04-20')],
    c('2024-05-02', { type: 'RecordPayment', paymentId: 'PAY-1', amountPence: 100, direction: 'toProvider', paidOn: '2024-05-02', reference: 'r' }),
    (events) => expect(events.map((e) => e.type)).toEqual(['PaymentRecorded']),
  ],
  // Placements
  ["A placement's nights must not overlap another of the child's (CHILD_ALREADY_PLACED)", PLACED, place('2024-05-01', 'PL-2', 'CH-1', '2024-05-01'), 'CHILD_ALREADY_PLACED'],
  [
    'Nights are [startDate, endDate): a start on the day the other ends does not overlap',
    [...PLACED, c('2024-05-01', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-05-01', reasonCode: 'E4A' })],
    place('2024-05-01', 'PL-2', 'CH-1', '2024-05-01', {}),
    (events) => expect(events.map((e) => e.type)).toEqual(['PlacementStarted']),
  ],
  ['Starts must fall on days the contract covers (OUTSIDE_TERM)', AGREED, place('2024-04-01', 'PL-1', 'CH-1', '2025-04-01'), 'OUTSIDE_TERM'],
  ['An end falls from the day after the start (INVALID_DATES)', PLACED, c('2024-04-02', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-01', reasonCode: 'E4A' }), 'INVALID_DATES'],
  [
    'An end falls by the day after the last covered day (OUTSIDE_TERM)',
    PLACED,
    c('2024-04-02', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2025-04-02', reasonCode: 'E4A' }),
    'OUTSIDE_TERM',
  ],
  [
    '... the day after the last covered day itself is allowed',
    PLACED,
    c('2024-04-02', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2025-04-01', reasonCode: 'E4A' }),
    (events) => expect(events.map((e) => e.type)).toEqual(['PlacementEnded']),
  ],
  ['startDate <= changedOn (INVALID_DATES)', [...AGREED, place('2024-04-01', 'PL-1', 'CH-1', '2024-04-10')], c('2024-04-11', { type: 'ChangePlacement', placementId: 'PL-1', changedOn: '2024-04-09', placementType: 'U5' }), 'INVALID_DATES'],
  [
    'changedOn < endDate (PLACEMENT_ENDED)',
    [...PLACED, c('2024-05-01', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-30', reasonCode: 'E4A' })],
    c('2024-05-02', { type: 'ChangePlacement', placementId: 'PL-1', changedOn: '2024-04-30', placementType: 'U5' }),
    'PLACEMENT_ENDED',
  ],
  [
    'Ending an ended placement is PLACEMENT_ENDED',
    [...PLACED, c('2024-05-01', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-30', reasonCode: 'E4A' })],
    c('2024-05-02', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-29', reasonCode: 'E4A' }),
    'PLACEMENT_ENDED',
  ],
  [
    'An endDate on a start may come without a reasonCode',
    AGREED,
    place('2024-05-01', 'PL-1', 'CH-1', '2024-04-01', { endDate: '2024-04-20' } as Partial<Body>),
    [{ type: 'PlacementStarted', data: { placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-04-01', placementType: 'U4', endDate: '2024-04-20' } }],
  ],
  ['... never the reverse (VALIDATION)', AGREED, place('2024-05-01', 'PL-1', 'CH-1', '2024-04-01', { reasonCode: 'E4A' } as Partial<Body>), 'VALIDATION'],
  [
    "PlacementDatesCorrected sets both dates (null: open again): the placement's dates are the correction's, so it can be ended again",
    [
      ...PLACED,
      c('2024-05-01', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-30', reasonCode: 'E4A' }),
      c('2024-05-02', { type: 'CorrectPlacementDates', placementId: 'PL-1', startDate: '2024-04-02', endDate: null, reason: 'open again' }),
    ],
    c('2024-05-03', { type: 'ChangePlacement', placementId: 'PL-1', changedOn: '2024-05-01', placementType: 'U5' }),
    (events) => expect(events.map((e) => e.type)).toEqual(['PlacementChanged']),
  ],
  [
    'A correction must not make a child’s placements overlap (CHILD_ALREADY_PLACED)',
    [...PLACED, c('2024-05-01', { type: 'EndPlacement', placementId: 'PL-1', endDate: '2024-04-30', reasonCode: 'E4A' }), place('2024-05-01', 'PL-2', 'CH-1', '2024-05-01')],
    c('2024-05-02', { type: 'CorrectPlacementDates', placementId: 'PL-1', startDate: '2024-04-01', endDate: '2024-05-02', reason: 'x' }),
    'CHILD_ALREADY_PLACED',
  ],
  [
    'Late recording, in a closed period, is normal and allowed',
    [...AGREED, close('2024-05-02', '2024-04')],
    place('2024-05-03', 'PL-1', 'CH-1', '2024-04-01', { endDate: '2024-04-20', reasonCode: 'E4A' } as Partial<Body>),
    (events) => expect(events.map((e) => e.type)).toEqual(['PlacementStarted']),
  ],
  // Claims
  ['achievedOn <= claimedOn (INVALID_DATES)', PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-11'), 'INVALID_DATES'],
  ['placementStart <= achievedOn (ACHIEVED_OUTSIDE_PLACEMENT)', [...AGREED, place('2024-04-05', 'PL-1', 'CH-1', '2024-04-05')], claim('2024-04-10', 'CL-1', 'JOB', '2024-04-04'), 'ACHIEVED_OUTSIDE_PLACEMENT'],
  ['The outcome is one of the terms in force on achievedOn (UNKNOWN_OUTCOME)', PLACED, claim('2024-04-10', 'CL-1', 'OTHER', '2024-04-09'), 'UNKNOWN_OUTCOME'],
  ['A duration code claimed is VALIDATION', PLACED, claim('2024-04-10', 'CL-1', 'STABLE-28', '2024-04-09'), 'VALIDATION'],
  ["Another child's placement is VALIDATION", PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09', 'PL-1', 'CH-2'), 'VALIDATION'],
  ['claimedOn - achievedOn <= claimWindowDays (CLAIM_WINDOW_EXPIRED)', PLACED, claim('2024-05-12', 'CL-1', 'JOB', '2024-04-11'), 'CLAIM_WINDOW_EXPIRED'],
  [
    '... the window day itself is in time',
    PLACED,
    claim('2024-05-11', 'CL-1', 'JOB', '2024-04-11'),
    [{ type: 'OutcomeClaimed', data: { claimId: 'CL-1', placementId: 'PL-1', childRef: 'CH-1', outcomeCode: 'JOB', achievedOn: '2024-04-11', claimedOn: '2024-05-11', evidence: [{ kind: 'doc', ref: 'R' }] } }],
  ],
  ['Pending claims of the code for the child count towards maxPerChild (DUPLICATE_OUTCOME)', [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09')], claim('2024-04-11', 'CL-2', 'JOB', '2024-04-10'), 'DUPLICATE_OUTCOME'],
  [
    '... rejected ones do not',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), c('2024-04-11', { type: 'RejectClaim', claimId: 'CL-1', reason: 'no' })],
    claim('2024-04-12', 'CL-2', 'JOB', '2024-04-09'),
    (events) => expect(events.map((e) => e.type)).toEqual(['OutcomeClaimed']),
  ],
  [
    'Claims must number fewer than maxPerChild (2): a third STAB is DUPLICATE_OUTCOME',
    [...PLACED, claim('2024-04-10', 'CL-1', 'STAB', '2024-04-09'), claim('2024-04-11', 'CL-2', 'STAB', '2024-04-10')],
    claim('2024-04-12', 'CL-3', 'STAB', '2024-04-11'),
    'DUPLICATE_OUTCOME',
  ],
  ['With requires, a pending or verified claim of that code must exist (PREREQUISITE_NOT_MET)', PLACED, claim('2024-06-10', 'CL-1', 'EARN', '2024-06-09'), 'PREREQUISITE_NOT_MET'],
  [
    '... with achievedOn + minDaysAfterRequired <= this.achievedOn',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09')],
    claim('2024-05-08', 'CL-2', 'EARN', '2024-05-06'),
    'PREREQUISITE_NOT_MET',
  ],
  [
    '... exactly minDaysAfterRequired later is enough, the required claim pending',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09')],
    claim('2024-05-08', 'CL-2', 'EARN', '2024-05-07'),
    (events) => expect(events.map((e) => e.type)).toEqual(['OutcomeClaimed']),
  ],
  [
    'At verification the prerequisite must be verified (PREREQUISITE_NOT_MET)',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), claim('2024-05-08', 'CL-2', 'EARN', '2024-05-07')],
    verify('2024-05-09', 'CL-2'),
    'PREREQUISITE_NOT_MET',
  ],
  [
    'Improvement: the current measurement must not be the baseline (IMPROVEMENT_NOT_MET)',
    [...PLACED, measure('2024-04-05', 'M-1', 24, '2024-04-04')],
    claim('2024-04-10', 'CL-1', 'SDQ', '2024-04-09'),
    'IMPROVEMENT_NOT_MET',
  ],
  [
    'Improvement: baseline - current >= minImprovement (lower)',
    [...PLACED, measure('2024-04-05', 'M-1', 24, '2024-04-04'), measure('2024-04-06', 'M-2', 21, '2024-04-05')],
    claim('2024-04-10', 'CL-1', 'SDQ', '2024-04-09'),
    'IMPROVEMENT_NOT_MET',
  ],
  [
    'Improvement: on one day the later measurement in the stream is the current one',
    [...PLACED, measure('2024-04-05', 'M-1', 24, '2024-04-04'), measure('2024-04-06', 'M-2', 21, '2024-04-05'), measure('2024-04-07', 'M-3', 20, '2024-04-05')],
    claim('2024-04-10', 'CL-1', 'SDQ', '2024-04-09'),
    (events) => expect(events.map((e) => e.type)).toEqual(['OutcomeClaimed']),
  ],
  [
    'Improvement is checked at verification too: a new baseline measured earlier undoes it',
    [...PLACED, measure('2024-04-05', 'M-1', 24, '2024-04-04'), measure('2024-04-06', 'M-2', 20, '2024-04-05'), claim('2024-04-10', 'CL-1', 'SDQ', '2024-04-09'), measure('2024-04-11', 'M-0', 22, '2024-04-01')],
    verify('2024-04-12', 'CL-1'),
    'IMPROVEMENT_NOT_MET',
  ],
  // Verification, reversal
  [
    'Verification fixes the amount from the fold: price of the terms in force on achievedOn, capped by the per-child cap',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), verify('2024-04-11', 'CL-1'), claim('2024-05-08', 'CL-2', 'EARN', '2024-05-07')],
    verify('2024-05-09', 'CL-2'),
    [{ type: 'OutcomeVerified', data: { claimId: 'CL-2', verifiedOn: '2024-05-09', amountPence: 150000, pricePence: 200000, cappedBy: 'perChild' } }],
  ],
  [
    'Nothing cascades: a dependent verified outcome stands when its prerequisite is reversed (the reversal appends only its own event)',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), verify('2024-04-11', 'CL-1'), claim('2024-05-08', 'CL-2', 'EARN', '2024-05-07'), verify('2024-05-09', 'CL-2')],
    c('2024-05-10', { type: 'ReverseClaim', claimId: 'CL-1', reason: 'r' }),
    [{ type: 'OutcomeReversed', data: { claimId: 'CL-1', reversedOn: '2024-05-10', reason: 'r' } }],
  ],
  ['Only a pending claim is decided (CLAIM_NOT_PENDING)', [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), verify('2024-04-11', 'CL-1')], verify('2024-04-12', 'CL-1'), 'CLAIM_NOT_PENDING'],
  ['Only a verified claim is reversed (CLAIM_NOT_VERIFIED)', [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09')], c('2024-04-12', { type: 'ReverseClaim', claimId: 'CL-1', reason: 'r' }), 'CLAIM_NOT_VERIFIED'],
  [
    'A reversal of a verified claim is recorded on the server’s today',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), verify('2024-04-11', 'CL-1')],
    c('2024-04-12', { type: 'ReverseClaim', claimId: 'CL-1', reason: 'r' }, '23:30'),
    [{ type: 'OutcomeReversed', data: { claimId: 'CL-1', reversedOn: '2024-04-13', reason: 'r' } }],
  ],
  [
    'Reversed claims (not pending, not verified) do not count towards maxPerChild',
    [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), verify('2024-04-11', 'CL-1'), c('2024-04-12', { type: 'ReverseClaim', claimId: 'CL-1', reason: 'r' })],
    claim('2024-04-13', 'CL-2', 'JOB', '2024-04-12'),
    (events) => expect(events.map((e) => e.type)).toEqual(['OutcomeClaimed']),
  ],
  // Periods
  ['Periods close in order from the month of startDate (PERIOD_OUT_OF_ORDER)', AGREED, close('2024-06-02', '2024-05'), 'PERIOD_OUT_OF_ORDER'],
  ['Never before the month has ended (PERIOD_NOT_ENDED)', AGREED, close('2024-04-30', '2024-04'), 'PERIOD_NOT_ENDED'],
  ['Never twice (PERIOD_ALREADY_CLOSED)', [...AGREED, close('2024-05-01', '2024-04')], close('2024-05-02', '2024-04'), 'PERIOD_ALREADY_CLOSED'],
  [
    'A close records the fold’s totals and statementHash, closedOn the server’s today',
    PLACED,
    close('2024-05-01', '2024-04'),
    ([closed]) => {
      expect(closed).toMatchObject({ type: 'PeriodClosed', data: { period: '2024-04', closedOn: '2024-05-01', totals: { feesPence: 300000 } } });
      expect(closed.type === 'PeriodClosed' && closed.data.statementHash).toMatch(/^[0-9a-f]{64}$/);
    },
  ],
  // Retries and precedence (section 4's last paragraph)
  ['An identical retry of a create command appends nothing', PLACED, place('2024-04-02', 'PL-1', 'CH-1', '2024-04-01'), []],
  ['The same id with other content is a 409 (PLACEMENT_EXISTS)', PLACED, place('2024-04-02', 'PL-1', 'CH-2', '2024-04-01'), 'PLACEMENT_EXISTS'],
  ['An identical draft retried appends nothing', AGREED, DRAFT, []],
  ['Other 404s before 409 (PLACEMENT_NOT_FOUND)', [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09')], claim('2024-04-11', 'CL-1', 'JOB', '2024-04-09', 'PL-9'), 'PLACEMENT_NOT_FOUND'],
  ['409 before the state codes', [...PLACED, terminate('2024-05-01', '2024-05-01')], place('2024-05-02', 'PL-1', 'CH-3', '2024-04-01'), 'PLACEMENT_EXISTS'],
  ["409 before a rule's 400", [...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09')], claim('2024-04-11', 'CL-1', 'STABLE-28', '2024-04-09'), 'CLAIM_EXISTS'],
  ["A rule's 400 before the state codes", [DRAFT], c('2024-03-02', { type: 'StartPlacement', placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-04-01', placementType: 'U4', reasonCode: 'E4A' }), 'VALIDATION'],
  [
    'State codes in the order listed: VARIATION_NOT_PENDING before SAME_PARTY',
    [...AGREED, propose('2024-04-02', 'V1', '2024-06-01', TERMS), c('2024-04-03', { type: 'DeclineVariation', variationId: 'V1' })],
    p('2024-04-04', { type: 'AcceptVariation', variationId: 'V1' }),
    'VARIATION_NOT_PENDING',
  ],
  ['The other party decides a variation (SAME_PARTY)', [...AGREED, propose('2024-04-02', 'V1', '2024-06-01', TERMS)], p('2024-04-04', { type: 'AcceptVariation', variationId: 'V1' }), 'SAME_PARTY'],
  // Section 8
  ['Auditors write nothing (403)', PLACED, by({ sub: 'a', role: 'auditor', org: 'LA-TEST' }, '2024-05-01', { type: 'ClosePeriod', period: '2024-04' }), 'FORBIDDEN'],
  ['A party in the wrong role gets 403', PLACED, p('2024-05-01', { type: 'ClosePeriod', period: '2024-04' }), 'FORBIDDEN'],
  ["Another organisation gets the contract's 404", PLACED, by({ sub: 'x', role: 'commissioner', org: 'LA-OTHER' }, '2024-05-01', { type: 'ClosePeriod', period: '2024-04' }), 'CONTRACT_NOT_FOUND'],
  ["An admin gets the contract's 404", PLACED, by({ sub: 'x', role: 'admin', org: 'LEDGER' }, '2024-05-01', { type: 'ClosePeriod', period: '2024-04' }), 'CONTRACT_NOT_FOUND'],
];

describe('spec section 4, one row per rule', () => {
  it.each(rows)('%s', (_name, steps, when, then) => {
    const decision = run(given(steps), when);
    if (typeof then === 'string') {
      expect(isRejection(decision) ? decision.code : decision).toBe(then);
      return;
    }
    if (isRejection(decision)) throw new Error(`refused: ${decision.code} ${decision.message}`);
    if (typeof then === 'function') then(decision);
    else expect(decision).toEqual(then);
  });
});

describe('state and reads', () => {
  it('keeps the verified amount of a claim, after a reversal too', () => {
    const stream = given([...PLACED, claim('2024-04-10', 'CL-1', 'JOB', '2024-04-09'), verify('2024-04-11', 'CL-1'), c('2024-04-12', { type: 'ReverseClaim', claimId: 'CL-1', reason: 'r' })]);
    const state = foldContract(stream);
    expect(state.status === 'agreed' && state.claims['CL-1']).toMatchObject({ status: 'reversed', verified: { amountPence: 100000, pricePence: 100000 } });
  });

  it.each([
    ['a party reads', COMMISSIONER, undefined],
    ['an auditor of any organisation reads', { sub: 'a', role: 'auditor', org: 'NAO' }, undefined],
    ['an admin gets the 404', { sub: 'a', role: 'admin', org: 'LEDGER' }, 'CONTRACT_NOT_FOUND'],
    ['another organisation gets the 404', { sub: 'x', role: 'provider', org: 'PRV-OTHER' }, 'CONTRACT_NOT_FOUND'],
  ])('%s', (_name, actor, code) => {
    expect(authoriseRead(actor, foldContract(given(AGREED)), ID)?.code).toBe(code);
  });
});
