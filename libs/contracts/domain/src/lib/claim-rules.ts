import type { ContractEventData, TermsOutcome } from '@ledger/contracts-model';
import { addDays, daysBetween, type IsoDate } from '@ledger/kernel';
import { type DomainRejection, rejectWith } from './errors';
import { outcomeOf, requireAgreed } from './rules';
import type { ClaimState, ExistingContract } from './state';
import { timelineOf } from './timeline-of';

type Claimed = Omit<ContractEventData['OutcomeClaimed'], 'evidence'>;

/**
 * The rules of an outcome claim in the order section 4 writes them. At a claim, pending and verified claims count
 * (for `maxPerChild` and the prerequisite); at verification, only verified ones do ("the stream as it then is").
 */
export function checkClaimRules(s: ExistingContract, claim: Claimed, at: 'claim' | 'verification'): DomainRejection | undefined {
  const placement = s.placements[claim.placementId];
  if (claim.achievedOn > claim.claimedOn) return rejectWith('INVALID_DATES', `achievedOn ${claim.achievedOn} is after claimedOn ${claim.claimedOn}`);
  const timeline = timelineOf(s);
  if (claim.achievedOn < placement.startDate || !timeline.covers(claim.achievedOn)) {
    return rejectWith('ACHIEVED_OUTSIDE_PLACEMENT', `${claim.achievedOn} is outside the placement or the contract`);
  }
  const outcome = outcomeOf(timeline.termsOn(claim.achievedOn), claim.outcomeCode);
  if (!outcome || outcome.kind === 'duration') {
    return rejectWith('UNKNOWN_OUTCOME', `${claim.outcomeCode} is no claimable outcome of the terms in force on ${claim.achievedOn}`);
  }
  if (outcome.kind === 'attainment' && outcome.claimWindowDays !== undefined && daysBetween(claim.achievedOn, claim.claimedOn) > outcome.claimWindowDays) {
    return rejectWith('CLAIM_WINDOW_EXPIRED', `${claim.outcomeCode} is claimed within ${outcome.claimWindowDays} days of its achievement`);
  }
  const counting: ClaimState['status'][] = at === 'claim' ? ['pending', 'verified'] : ['verified'];
  const standing = (code: string) =>
    Object.values(s.claims).filter(
      (other) =>
        other.claimed.claimId !== claim.claimId && other.claimed.childRef === claim.childRef && other.claimed.outcomeCode === code && counting.includes(other.status),
    );
  const maxPerChild = outcome.kind === 'attainment' ? (outcome.maxPerChild ?? 1) : 1;
  if (standing(claim.outcomeCode).length >= maxPerChild) {
    return rejectWith('DUPLICATE_OUTCOME', `${claim.childRef} has ${maxPerChild} standing claim(s) of ${claim.outcomeCode}`);
  }
  if (outcome.kind === 'attainment' && outcome.requires !== undefined) {
    const minDays = outcome.minDaysAfterRequired ?? 0;
    const met = standing(outcome.requires).some((required) => addDays(required.claimed.achievedOn, minDays) <= claim.achievedOn);
    if (!met) return rejectWith('PREREQUISITE_NOT_MET', `${claim.outcomeCode} needs ${outcome.requires} achieved at least ${minDays} days before`);
  }
  if (outcome.kind === 'improvement') return checkImprovement(s, claim.childRef, claim.achievedOn, outcome);
  return undefined;
}

function checkImprovement(
  s: ExistingContract,
  childRef: string,
  achievedOn: IsoDate,
  outcome: Extract<TermsOutcome, { kind: 'improvement' }>,
): DomainRejection | undefined {
  const measurements = s.measurements.filter((m) => m.childRef === childRef && m.instrument === outcome.instrument);
  // Baseline: the first by measuredOn, ties by stream order; current: the latest on or before achievedOn, the later in the stream on one day.
  let baseline: (typeof measurements)[number] | undefined;
  let current: (typeof measurements)[number] | undefined;
  for (const m of measurements) {
    if (!baseline || m.measuredOn < baseline.measuredOn) baseline = m;
    if (m.measuredOn <= achievedOn && (!current || m.measuredOn >= current.measuredOn)) current = m;
  }
  if (!baseline || !current || current === baseline) {
    return rejectWith('IMPROVEMENT_NOT_MET', `no ${outcome.instrument} measurement after the baseline by ${achievedOn}`);
  }
  const improvement = outcome.direction === 'lower' ? baseline.score - current.score : current.score - baseline.score;
  if (improvement < outcome.minImprovement) {
    return rejectWith('IMPROVEMENT_NOT_MET', `${outcome.instrument} improved by ${improvement}, less than ${outcome.minImprovement}`);
  }
  return undefined;
}

/** A decision on a claim: 404, then the state codes (`NOT_AGREED`, then the claim's own status). */
export function claimIn(s: ExistingContract, claimId: string, status: ClaimState['status']): ClaimState | DomainRejection {
  const claim = s.claims[claimId];
  if (!claim) return rejectWith('CLAIM_NOT_FOUND', `no claim ${claimId}`);
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  if (claim.status !== status) {
    return status === 'pending'
      ? rejectWith('CLAIM_NOT_PENDING', `claim ${claimId} is ${claim.status}`)
      : rejectWith('CLAIM_NOT_VERIFIED', `claim ${claimId} is ${claim.status}`);
  }
  return claim;
}
