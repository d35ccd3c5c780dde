import type { ContractCommand } from '@ledger/contracts-domain';
import type { RecordedContractEvent, Terms } from '@ledger/contracts-model';
import { addDays, firstDayOf, periodOf, type Actor, type IsoDate, type Period } from '@ledger/kernel';

export const DEMO_COMMISSIONER = 'LA-SOUTHWARK';
export const DEMO_PROVIDERS = ['PRV-BRIGHTFUTURES', 'PRV-HAVENCARE'] as const;

const COMMISSIONER: Actor = { sub: 'jane.okafor@southwark.gov.uk', role: 'commissioner', org: DEMO_COMMISSIONER };
const BRIGHTFUTURES: Actor = { sub: 'sam.patel@brightfutures.org.uk', role: 'provider', org: 'PRV-BRIGHTFUTURES' };
const HAVENCARE: Actor = { sub: 'lee.morgan@havencare.org.uk', role: 'provider', org: 'PRV-HAVENCARE' };

type Body<T extends ContractCommand['type']> = Omit<Extract<ContractCommand, { type: T }>, 'contractId' | 'actor'>;
type AnyBody = { [T in ContractCommand['type']]: Body<T> }[ContractCommand['type']];

/**
 * One command of the demo at the moment it is decided. A payment's amount is the balance of the statement just
 * closed, known only once the close is decided, so a step may read the events before it; `undefined` skips it.
 */
export interface DemoStep {
  recordedAt: string;
  actor: Actor;
  body: AnyBody | ((events: readonly RecordedContractEvent[]) => AnyBody | undefined);
}

export interface DemoContract {
  contractId: string;
  steps: DemoStep[];
}

function previousPeriod(period: Period): Period {
  return periodOf(addDays(firstDayOf(period), -1));
}

/**
 * The demo partnership relative to `today` (Europe/London): contracts that started five months before this one,
 * every month closed up to the month before last, so last month is the next to close, with a claim waiting in it.
 * Every step lies in a past month at a daytime UTC hour, so its London date is its UTC date in any season.
 */
export function planDemo(today: IsoDate): DemoContract[] {
  const months: Period[] = [periodOf(today)];
  for (let k = 1; k <= 6; k++) months.push(previousPeriod(months[k - 1]));
  /** Day `dd` of the month `k` months before today's, at `time` UTC. */
  const at = (k: number, dd: number, time: string) => `${months[k]}-${String(dd).padStart(2, '0')}T${time}:00.000Z`;
  const day = (k: number, dd: number): IsoDate => at(k, dd, '00:00').slice(0, 10);
  const startDate = firstDayOf(months[5]);
  const endDate = addDays(`${Number(startDate.slice(0, 4)) + 2}${startDate.slice(4)}`, -1);
  const closedMonths = [5, 4, 3, 2];

  const agreement = (provider: Actor, title: string, terms: Terms): DemoStep[] => [
    {
      recordedAt: at(6, 14, '10:00'),
      actor: COMMISSIONER,
      body: { type: 'DraftContract', commissionerId: DEMO_COMMISSIONER, providerId: provider.org, title, startDate, endDate, terms },
    },
    { recordedAt: at(6, 20, '14:30'), actor: provider, body: { type: 'SignContract', party: 'provider', signedBy: provider.sub, signedOn: day(6, 20) } },
    { recordedAt: at(6, 21, '09:15'), actor: COMMISSIONER, body: { type: 'SignContract', party: 'commissioner', signedBy: COMMISSIONER.sub, signedOn: day(6, 21) } },
  ];
  const closesAndPayments = (contractId: string): DemoStep[] =>
    closedMonths.flatMap((k) => [
      { recordedAt: at(k - 1, 3, '09:00'), actor: COMMISSIONER, body: { type: 'ClosePeriod', period: months[k] } },
      {
        recordedAt: at(k - 1, 15, '12:00'),
        actor: COMMISSIONER,
        body: (events) => {
          const closed = events.filter((event) => event.type === 'PeriodClosed').at(-1);
          const balancePence = closed?.type === 'PeriodClosed' ? closed.data.totals.balancePence : 0;
          return balancePence <= 0
            ? undefined
            : { type: 'RecordPayment', paymentId: `PAY-${contractId}-${months[k]}`, amountPence: balancePence, direction: 'toProvider', paidOn: day(k - 1, 15), reference: `BACS ${months[k]}` };
        },
      },
    ]);
  const started = (k: number, dd: number, placementId: string, childRef: string, placementType: string): DemoStep => ({
    recordedAt: at(k, dd, '16:00'),
    actor: COMMISSIONER,
    body: { type: 'StartPlacement', placementId, childRef, startDate: day(k, dd), placementType },
  });
  const claimed = (provider: Actor, claim: { k: number; achieved: number; claimed: number; claimId: string; placementId: string; childRef: string; outcomeCode: string; ref: string }): DemoStep => ({
    recordedAt: at(claim.k, claim.claimed, '15:00'),
    actor: provider,
    body: {
      type: 'ClaimOutcome',
      claimId: claim.claimId,
      placementId: claim.placementId,
      childRef: claim.childRef,
      outcomeCode: claim.outcomeCode,
      achievedOn: day(claim.k, claim.achieved),
      evidence: [{ kind: 'report', ref: claim.ref }],
    },
  });
  const verified = (k: number, dd: number, claimId: string): DemoStep => ({ recordedAt: at(k, dd, '11:00'), actor: COMMISSIONER, body: { type: 'VerifyClaim', claimId } });

  const fostering: DemoContract = {
    contractId: 'SWK-BF-DEMO-01',
    steps: [
      ...agreement(BRIGHTFUTURES, 'Foster and residential placements (demo)', {
        fees: [
          { code: 'FOSTER-IFA', name: 'Independent fostering agency placement, weekly', pricePence: 82000, unitDays: 7, placementTypes: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] },
          { code: 'RESI-K2', name: "Children's home placement, weekly", pricePence: 610000, unitDays: 7, placementTypes: ['K2'] },
        ],
        outcomes: [
          { code: 'IF-ATTEND', name: 'Improved school attendance', category: 'hard', kind: 'attainment', pricePence: 80000 },
          { code: 'IF-L1', name: 'First Level 1 qualification', category: 'hard', kind: 'attainment', pricePence: 70000, claimWindowDays: 90 },
        ],
        caps: { perChildPence: 1500000 },
      }),
      started(5, 1, 'PL-BF-01', 'CH-BF-01', 'U4'),
      started(5, 10, 'PL-BF-02', 'CH-BF-02', 'K2'),
      started(3, 5, 'PL-BF-03', 'CH-BF-03', 'U3'),
      claimed(BRIGHTFUTURES, { k: 3, achieved: 18, claimed: 20, claimId: 'CLM-BF-01', placementId: 'PL-BF-01', childRef: 'CH-BF-01', outcomeCode: 'IF-ATTEND', ref: 'ATTENDANCE-BF-01' }),
      verified(3, 27, 'CLM-BF-01'),
      { recordedAt: at(2, 17, '10:40'), actor: COMMISSIONER, body: { type: 'EndPlacement', placementId: 'PL-BF-02', endDate: day(2, 16), reasonCode: 'E4A' } },
      claimed(BRIGHTFUTURES, { k: 1, achieved: 8, claimed: 12, claimId: 'CLM-BF-02', placementId: 'PL-BF-03', childRef: 'CH-BF-03', outcomeCode: 'IF-L1', ref: 'CERT-BF-03' }),
      ...closesAndPayments('SWK-BF-DEMO-01'),
    ],
  };
  const careLeavers: DemoContract = {
    contractId: 'SWK-HC-DEMO-01',
    steps: [
      ...agreement(HAVENCARE, 'Care leavers: education and employment (demo)', {
        fees: [{ code: 'SEMI-IND', name: 'Semi-independent living, daily', pricePence: 9500, unitDays: 1, placementTypes: ['H5'] }],
        outcomes: [
          { code: 'CL-COURSE-START', name: 'Begins a course', category: 'hard', kind: 'attainment', pricePence: 22000 },
          { code: 'CL-JOB', name: 'Enters employment', category: 'hard', kind: 'attainment', pricePence: 66000 },
          { code: 'CL-STABILITY', name: 'Stability and wellbeing milestone', category: 'soft', kind: 'attainment', pricePence: 22000, maxPerChild: 5 },
        ],
        caps: { perChildPence: 1500000 },
      }),
      started(5, 3, 'PL-HC-01', 'CH-HC-01', 'H5'),
      started(4, 12, 'PL-HC-02', 'CH-HC-02', 'H5'),
      claimed(HAVENCARE, { k: 4, achieved: 8, claimed: 9, claimId: 'CLM-HC-01', placementId: 'PL-HC-01', childRef: 'CH-HC-01', outcomeCode: 'CL-COURSE-START', ref: 'ENROLMENT-HC-01' }),
      verified(4, 16, 'CLM-HC-01'),
      claimed(HAVENCARE, { k: 2, achieved: 20, claimed: 22, claimId: 'CLM-HC-02', placementId: 'PL-HC-02', childRef: 'CH-HC-02', outcomeCode: 'CL-STABILITY', ref: 'PATHWAY-HC-02' }),
      verified(2, 28, 'CLM-HC-02'),
      claimed(HAVENCARE, { k: 1, achieved: 5, claimed: 7, claimId: 'CLM-HC-03', placementId: 'PL-HC-01', childRef: 'CH-HC-01', outcomeCode: 'CL-JOB', ref: 'PAYSLIP-HC-01' }),
      ...closesAndPayments('SWK-HC-DEMO-01'),
    ],
  };
  const shortBreaks: DemoContract = {
    contractId: 'SWK-BF-DEMO-02',
    steps: [
      {
        recordedAt: at(1, 25, '10:00'),
        actor: COMMISSIONER,
        body: {
          type: 'DraftContract',
          commissionerId: DEMO_COMMISSIONER,
          providerId: BRIGHTFUTURES.org,
          title: 'Short breaks (demo, awaiting signatures)',
          startDate: firstDayOf(months[0]),
          endDate: addDays(`${Number(months[0].slice(0, 4)) + 1}-${months[0].slice(5)}-01`, -1),
          terms: { fees: [{ code: 'SHORT-BREAK', name: 'Short break, nightly', pricePence: 21000, unitDays: 1 }], outcomes: [], caps: {} },
        },
      },
    ],
  };
  for (const contract of [fostering, careLeavers]) {
    // Stable: steps of one instant keep the order written above.
    contract.steps.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  }
  return [fostering, careLeavers, shortBreaks];
}
