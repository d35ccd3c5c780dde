import type { IsoDate } from '@ledger/kernel';

/** SSDA903 `PLACE` code (U1-U6 foster, K2 children's home, P1 with parents, H5 semi-independent, ...). */
export type PlacementType = string;
export type OutcomeCategory = 'hard' | 'soft';

export interface AttainmentDefinition {
  kind: 'attainment';
  maxPerChild?: number;
  requires?: string;
  minDaysAfterRequired?: number;
  claimWindowDays?: number;
}

export interface ImprovementDefinition {
  kind: 'improvement';
  instrument: string;
  direction: 'lower' | 'higher';
  minImprovement: number;
}

export interface DurationDefinition {
  kind: 'duration';
  unitDays: number;
  maxUnitsPerChild?: number;
  placementTypes?: PlacementType[];
}

export type OutcomeDefinition = AttainmentDefinition | ImprovementDefinition | DurationDefinition;
export type OutcomeKind = OutcomeDefinition['kind'];

export interface Fee {
  code: string;
  name: string;
  pricePence: number;
  unitDays: 1 | 7;
  placementTypes?: PlacementType[];
}

/** An outcome of the terms: the framework's definition, tailored, with the contract's price. */
export type TermsOutcome = { code: string; name: string; category: OutcomeCategory; pricePence: number } & OutcomeDefinition;

export interface Caps {
  perChildPence?: number;
  contractPence?: number;
}

/** Stored exactly as sent: no defaults filled in, so `termsHash` is reproducible. */
export interface Terms {
  fees: Fee[];
  outcomes: TermsOutcome[];
  caps: Caps;
}

export type Party = 'commissioner' | 'provider';

export interface Ssda903Details {
  rne: string;
  ls: string;
  cin: string;
  placeProvider: string;
  urn: string;
  decom?: IsoDate;
}
