import fc from 'fast-check';
import { foldContract, type ContractStreamEvent } from '@ledger/contracts-domain';
import { computeStatements } from '@ledger/entitlements-domain';
import { ALL_PROJECTIONS, providerEarningsProjection, rebuildProjection, statementsProjection } from '@ledger/entitlements-feature';
import type { SqlEventStore } from '@ledger/event-store';
// The generator the fold's own performance spec uses, so both measure the same 10,000-event contract.
import { actionArbitrary, contractShapeArbitrary, generateContract } from '../../libs/entitlements/domain/src/testing/generated-contract';
import { type Figures, median, progress, timed } from './figures';

export const REBUILD_TARGET = 50_000;

const TARGETED: ReadonlySet<string> = new Set([statementsProjection.name, providerEarningsProjection.name]);

/**
 * `ledger projections rebuild` of every projection: a shadow table from the first event, compared and swapped in.
 * The target is set for statements and provider earnings; the others are measured too, and leave every read
 * model up to date for the HTTP section, as a running system's would be.
 */
export async function measureRebuilds(section: string, store: SqlEventStore, events: number, figures: Figures, target: number | undefined): Promise<void> {
  for (const projection of ALL_PROJECTIONS) {
    progress(`${section}: rebuild ${projection.name} over ${events} events`);
    let lastReport = performance.now();
    const { result, seconds } = await timed(() =>
      rebuildProjection(store, projection, {
        onProgress: (applied) => {
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            progress(`  ${projection.name}: ${applied} events`);
          }
        },
      }),
    );
    figures.add({
      section,
      name: `rebuild ${projection.name}`,
      value: events / seconds,
      unit: 'events/s',
      ...(target === undefined || !TARGETED.has(projection.name) ? {} : { target: `>= ${target.toLocaleString('en-GB')} events/s`, met: events / seconds >= target }),
      note: `${events} events in ${seconds.toFixed(1)} s, ${result.rebuiltRows} rows`,
    });
  }
}

/** The 10,000-event contract of the fold's performance spec (same seeds). */
export function largeContract() {
  const [shape] = fc.sample(contractShapeArbitrary, { seed: 42, numRuns: 1 });
  const [actions] = fc.sample(fc.array(actionArbitrary(100), { minLength: 30_000, maxLength: 30_000 }), { seed: 7, numRuns: 1 });
  const busy = actions.filter((action, index) => {
    if (action.kind === 'terminate' || (action.kind === 'wait' && action.days > 1)) return false;
    return action.kind !== 'vary' || index % 40 === 0;
  });
  return generateContract(shape, busy, '2026-10-01');
}

/** Median of `runs` folds from scratch: the statements (read side) and the command side's state (every command loads it). */
export function measureFold(section: string, figures: Figures, runs: number): void {
  const events = largeContract();
  progress(`${section}: fold of one contract of ${events.length} events, median of ${runs}`);
  computeStatements(events, { provisionalThrough: '2026-12-31' });
  const statementTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    computeStatements(events, { provisionalThrough: '2026-12-31' });
    statementTimes.push(performance.now() - started);
  }
  figures.add({ section, name: `computeStatements, ${events.length} events`, value: median(statementTimes), unit: 'ms', note: `median of ${runs}, from scratch` });

  // The command side folds the same stream into a ContractState on every command it decides.
  const stream = events.map((event) => ({
    ...event,
    metadata: { actor: { sub: 'bench', role: 'commissioner', org: 'LA-TEST' }, commandId: 'c', correlationId: 'c', schemaVersion: 1, prevHash: '', hash: '', ...event.metadata },
  })) as unknown as ContractStreamEvent[];
  const foldTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    foldContract(stream);
    foldTimes.push(performance.now() - started);
  }
  figures.add({ section, name: `foldContract (command side), ${events.length} events`, value: median(foldTimes), unit: 'ms', note: `median of ${runs}; paid by every command on the contract` });
}
