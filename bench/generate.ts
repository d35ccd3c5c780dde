import { decide, evolve, INITIAL_STATE, type ContractCommand, type ContractState, type ContractStreamEvent } from '@ledger/contracts-domain';
import type { Terms } from '@ledger/contracts-model';
import type { EventToAppend } from '@ledger/event-store';
import { addDays, eventIdFor, firstDayOf, isRejection, lastDayOf, nextPeriod, uuidV5, type Actor, type IsoDate, type Period } from '@ledger/kernel';

/**
 * A national ledger in miniature: contracts between many commissioners and providers, each lived month by month
 * through the real deciders (placements started, changed, ended; measurements; claims verified, rejected and
 * reversed; payments; a variation; monthly closes; some terminations). Every event is one `decide` produced, so
 * every stream is one the rules accept. The same seed gives the same streams, event ids included.
 */
export interface GeneratorParameters {
  seed: number;
  contracts: number;
  commissioners: number;
  providers: number;
  /** Scales how much happens in a month of a contract (children placed, claims, measurements). */
  activity: number;
  firstMonth: Period;
  months: number;
}

export interface GeneratedStream {
  streamId: string;
  contractId: string;
  commissionerId: string;
  providerId: string;
  terminated: boolean;
  events: EventToAppend[];
}

export interface GenerationTally {
  events: number;
  commands: number;
  /** Commands the deciders refused (a generator that guesses wrong now and then); their codes and counts. */
  refused: Record<string, number>;
}

const COMMAND_NAMESPACE = '2b0c7a1e-5d3f-4c8a-9e61-7f4d3b2a1c09';
const PLACEMENT_TYPES = ['U4', 'U4', 'U5', 'K2', 'H5', 'P1'] as const;

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function commissionerOf(index: number): string {
  return `LA-${String(index).padStart(3, '0')}`;
}

export function providerOf(index: number): string {
  return `PRV-${String(index).padStart(4, '0')}`;
}

function termsFor(random: () => number, uplift = 0): Terms {
  const foster = 80_000 + Math.floor(random() * 15_000) + uplift;
  return {
    fees: [
      { code: 'FOSTER-IFA', name: 'Independent fostering, weekly', pricePence: foster, unitDays: 7, placementTypes: ['U4', 'U5'] },
      { code: 'RESI-K2', name: "Children's home, weekly", pricePence: 560_000 + uplift * 5, unitDays: 7, placementTypes: ['K2'] },
      { code: 'SIL-H5', name: 'Semi-independent living, daily', pricePence: 9_500, unitDays: 1, placementTypes: ['H5', 'P1'] },
    ],
    outcomes: [
      { code: 'CL-EET', name: 'Education, employment or training', category: 'hard', pricePence: 150_000, kind: 'attainment', maxPerChild: 3, claimWindowDays: 90 },
      { code: 'FP-STABLE', name: 'Stable placement', category: 'soft', pricePence: 2_500, kind: 'duration', unitDays: 28, maxUnitsPerChild: 13, placementTypes: ['U4', 'U5'] },
      { code: 'WB-SDQ', name: 'Improved wellbeing (SDQ)', category: 'soft', pricePence: 40_000, kind: 'improvement', instrument: 'SDQ', direction: 'lower', minImprovement: 3 },
    ],
    caps: { perChildPence: 600_000, contractPence: 25_000_000 },
  };
}

interface LivePlacement {
  id: string;
  childRef: string;
  startDate: IsoDate;
  ended: boolean;
  sdq: number;
}

/** Lives one contract through the deciders. `tally` collects counts across contracts. */
export function generateContractStream(parameters: GeneratorParameters, index: number, tally: GenerationTally): GeneratedStream {
  const random = prng(parameters.seed * 1_000_003 + index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const contractId = `BC-${String(index).padStart(6, '0')}`;
  const commissionerId = commissionerOf(index % parameters.commissioners);
  const providerId = providerOf(Math.floor(random() * parameters.providers));
  const commissioner: Actor = { sub: `${commissionerId.toLowerCase()}-officer`, role: 'commissioner', org: commissionerId };
  const provider: Actor = { sub: `${providerId.toLowerCase()}-manager`, role: 'provider', org: providerId };
  const start = firstDayOf(parameters.firstMonth);
  let lastMonth = parameters.firstMonth;
  for (let m = 1; m < parameters.months; m++) lastMonth = nextPeriod(lastMonth);
  const endDate = lastDayOf(nextPeriod(nextPeriod(lastMonth)));

  let state: ContractState = INITIAL_STATE;
  const events: EventToAppend[] = [];
  let today = addDays(start, -10);
  let clockDay = '';
  let tick = 0;
  let commands = 0;

  const send = (command: ContractCommand): boolean => {
    if (clockDay !== today) [clockDay, tick] = [today, 0];
    tick++;
    const recordedAt = `${today}T${String(9 + Math.floor(tick / 3600)).padStart(2, '0')}:${String(Math.floor(tick / 60) % 60).padStart(2, '0')}:${String(tick % 60).padStart(2, '0')}.000Z`;
    const commandId = uuidV5(`${parameters.seed}:${contractId}:${commands++}`, COMMAND_NAMESPACE);
    tally.commands++;
    const decision = decide(command, state, { today, recordedAt });
    if (isRejection(decision)) {
      tally.refused[decision.code] = (tally.refused[decision.code] ?? 0) + 1;
      return false;
    }
    decision.forEach((event, i) => {
      const system = event.type === 'ContractAgreed';
      const metadata = {
        actor: system ? { sub: 'system', role: 'system', org: 'SYSTEM' } : command.actor,
        commandId,
        correlationId: commandId,
        ...(system ? { causationId: commandId } : {}),
        recordedAt,
        schemaVersion: 1,
      };
      const appended: EventToAppend = { id: eventIdFor(commandId, i), type: event.type, data: event.data, metadata };
      // The store seals the hashes; the deciders read neither.
      const stored = { ...event, revision: events.length, metadata: { ...metadata, prevHash: '', hash: '' } } as ContractStreamEvent;
      events.push(appended);
      state = evolve(state, stored);
    });
    return true;
  };

  const base = { contractId };
  send({
    ...base,
    actor: commissioner,
    type: 'DraftContract',
    contractId,
    commissionerId,
    providerId,
    title: `Placements and outcomes ${contractId}`,
    startDate: start,
    endDate,
    terms: termsFor(random),
  });
  today = addDays(start, -5);
  send({ ...base, actor: provider, type: 'SignContract', party: 'provider', signedBy: provider.sub, signedOn: today });
  today = addDays(start, -3);
  send({ ...base, actor: commissioner, type: 'SignContract', party: 'commissioner', signedBy: commissioner.sub, signedOn: today });

  const placements: LivePlacement[] = [];
  const verified: string[] = [];
  let children = 0;
  let claims = 0;
  let measurements = 0;
  let payments = 0;
  const varyIn = Math.floor(random() * parameters.months);
  const terminateIn = random() < 0.1 ? parameters.months - 1 - Math.floor(random() * 3) : -1;
  let terminated = false;
  let month = parameters.firstMonth;
  for (let m = 0; m < parameters.months && !terminated; m++, month = nextPeriod(month)) {
    const first = firstDayOf(month);
    const dayOf = (d: number): IsoDate => addDays(first, d);
    if (m > 0) {
      today = dayOf(1);
      send({ ...base, actor: commissioner, type: 'ClosePeriod', period: previous(month) });
    }
    const starts = Math.round(random() * 2 * parameters.activity);
    for (let s = 0; s < starts; s++) {
      today = dayOf(2 + s);
      const placement: LivePlacement = {
        id: `PL-${placements.length}`,
        childRef: `CH-${contractId}-${children++}`,
        startDate: addDays(today, -Math.floor(random() * 10)),
        ended: false,
        sdq: 18 + Math.floor(random() * 12),
      };
      if (placement.startDate < start) placement.startDate = start;
      const placementType = pick(PLACEMENT_TYPES);
      if (send({ ...base, actor: commissioner, type: 'StartPlacement', placementId: placement.id, childRef: placement.childRef, startDate: placement.startDate, placementType })) {
        placements.push(placement);
      }
    }
    const open = placements.filter((p) => !p.ended);
    today = dayOf(12);
    for (const placement of open) {
      if (random() < 0.45) {
        placement.sdq -= Math.floor(random() * 4);
        send({
          ...base,
          actor: provider,
          type: 'RecordMeasurement',
          measurementId: `MS-${measurements++}`,
          childRef: placement.childRef,
          instrument: 'SDQ',
          score: placement.sdq,
          measuredOn: addDays(today, -1),
        });
      }
    }
    today = dayOf(15);
    for (const placement of open) {
      if (random() < 0.05) send({ ...base, actor: commissioner, type: 'ChangePlacement', placementId: placement.id, changedOn: addDays(today, -2), placementType: pick(PLACEMENT_TYPES) });
      if (random() < 0.03) {
        send({ ...base, actor: commissioner, type: 'CorrectPlacementDates', placementId: placement.id, startDate: placement.startDate, endDate: null, reason: 'date confirmed by social worker' });
      }
    }
    today = dayOf(20);
    for (const placement of open) {
      if (random() > 0.35 * Math.min(1, parameters.activity)) continue;
      const claimId = `CLM-${claims++}`;
      const achievedOn = addDays(today, -1 - Math.floor(random() * 20));
      const outcomeCode = random() < 0.7 ? 'CL-EET' : 'WB-SDQ';
      if (achievedOn < placement.startDate) continue;
      if (!send({ ...base, actor: provider, type: 'ClaimOutcome', claimId, placementId: placement.id, childRef: placement.childRef, outcomeCode, achievedOn, evidence: [{ kind: 'letter', ref: `EV-${claimId}` }] })) continue;
      const verdict = random();
      if (verdict < 0.8) {
        if (send({ ...base, actor: commissioner, type: 'VerifyClaim', claimId })) verified.push(claimId);
      } else if (verdict < 0.9) {
        send({ ...base, actor: commissioner, type: 'RejectClaim', claimId, reason: 'evidence does not show the outcome' });
      }
    }
    if (verified.length > 0 && random() < 0.15) {
      today = dayOf(22);
      const claimId = verified.splice(Math.floor(random() * verified.length), 1)[0];
      send({ ...base, actor: commissioner, type: 'ReverseClaim', claimId, reason: 'evidence withdrawn' });
    }
    if (m === varyIn) {
      today = dayOf(24);
      const variationId = `VAR-${m}`;
      if (send({ ...base, actor: provider, type: 'ProposeVariation', variationId, effectiveFrom: first, terms: termsFor(random, 3_000), reason: 'annual uplift' })) {
        today = dayOf(25);
        send({ ...base, actor: commissioner, type: 'AcceptVariation', variationId });
      }
    }
    today = dayOf(26);
    for (const placement of open) {
      if (random() < 0.2 && placement.startDate < addDays(today, -1)) {
        if (send({ ...base, actor: commissioner, type: 'EndPlacement', placementId: placement.id, endDate: addDays(today, -1), reasonCode: pick(['E4A', 'E11', 'E13', 'E8']) })) placement.ended = true;
      }
    }
    today = dayOf(27);
    send({ ...base, actor: commissioner, type: 'RecordPayment', paymentId: `PAY-${payments++}`, amountPence: 50_000 + Math.floor(random() * 2_000_000), direction: random() < 0.95 ? 'toProvider' : 'toCommissioner', paidOn: today, reference: `BACS-${contractId}-${month}` });
    if (m === terminateIn) {
      today = dayOf(27);
      terminated = send({ ...base, actor: commissioner, type: 'TerminateContract', terminatedOn: addDays(lastDayOf(month), 1), reason: 'recommissioned' });
    }
  }
  tally.events += events.length;
  return { streamId: `contract-${contractId}`, contractId, commissionerId, providerId, terminated, events };
}

function previous(period: Period): Period {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Contracts one after another, lazily, so a million events never sit in memory at once. */
export function* generateLedger(parameters: GeneratorParameters, tally: GenerationTally): Generator<GeneratedStream> {
  for (let index = 0; index < parameters.contracts; index++) yield generateContractStream(parameters, index, tally);
}
