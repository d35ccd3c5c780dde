import { outcomeBenchmarksProjection } from './outcome-benchmarks.projection';
import type { Projection } from './projection';
import { providerEarningsProjection } from './provider-earnings.projection';
import { relationshipHistoryProjection } from './relationship-history.projection';
import { statementsProjection } from './statements.projection';

export const ALL_PROJECTIONS: readonly Projection[] = [statementsProjection, providerEarningsProjection, relationshipHistoryProjection, outcomeBenchmarksProjection];

export function projectionNamed(name: string): Projection | undefined {
  return ALL_PROJECTIONS.find((projection) => projection.name === name);
}
