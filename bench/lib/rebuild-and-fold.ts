import fc from 'fast-check';
import { foldContract, type ContractStreamEvent } from '@ledger/contracts-domain';
import { computeStatements } from '@ledger/entitlements-domain';
import { ALL_PROJECTIONS, providerEarningsProjection, rebuildProjections, statementsProjection, type Projection } from '@ledger/entitlements-feature';
import type { SqlEventStore } from '@ledger/event-store';
// The generator the fold's own performance spec uses, so both measure the same 10,000-event contract.
import { actionArbitrary, contractShapeArbitrary, generateContract } from '../../libs/entitlements/domain/src/testing/generated-contract';
import { type Figures, median, progress, timed } from './figures';

export const REBUILD_TARGET = 50_000;

/** Issue 11 sets the target on these two, rebuilt together (`ledger projections rebuild statements provider_earnings`). */
const TARGETED: readonly Projection[] = [statementsProjection, providerEarningsProjection];

/** The plain ordered SELECT of every event a rebuild reads (same columns as the store's read, jsonb parsed by pg), in batches of 5,000. */
async function plainSelect(store: SqlEventStore): Promise<number> {
  let after = '-1';
  let count = 0;
  for (;;) {
    const { rows } = await store.database.query<{ global_position: string }>(
      // The column as it is (pg gives a bigint as text): ordered by the number, not by a text of the same name.
      'SELECT stream_id, revision, global_position, event_id, type, data, metadata FROM event_store.events WHERE global_position > $1 ORDER BY global_position LIMIT 5000',
      [after],
      { prepare: true },
    );
    if (rows.length === 0) return count;
    count += rows.length;
    after = rows[rows.length - 1].global_position;
  }
}

/**
 * `ledger projections rebuild`: shadow tables from the first event in one pass (one read, one fold of each
 * contract for every projection rebuilt), compared and swapped in. Measured: the two targeted projections
 * together and each alone, then all four (which leaves every read model up to date for the HTTP section, as a
 * running system's would be), each beside the plain ordered SELECT of the same events, taken in turns.
 */
export async function measureRebuilds(section: string, store: SqlEventStore, events: number, figures: Figures, target: number | undefined): Promise<void> {
  await plainSelect(store);
  const targeted = target === undefined ? {} : { target };
  const passes: { name: string; projections: readonly Projection[]; target?: number }[] = [
    { name: `rebuild ${TARGETED.map((projection) => projection.name).join(' + ')} (one pass)`, projections: TARGETED, ...targeted },
    ...TARGETED.map((projection) => ({ name: `rebuild ${projection.name}`, projections: [projection], ...targeted })),
    { name: 'rebuild all four (one pass)', projections: ALL_PROJECTIONS },
  ];
  for (const pass of passes) {
    const plain = await timed(() => plainSelect(store));
    progress(`${section}: ${pass.name} over ${events} events (plain SELECT: ${Math.round(plain.result / plain.seconds)} events/s)`);
    let lastReport = performance.now();
    const cpu = process.cpuUsage();
    const { result, seconds } = await timed(() =>
      rebuildProjections(store, pass.projections, {
        onProgress: (applied) => {
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            progress(`  ${pass.name}: ${applied} events`);
          }
        },
      }),
    );
    const used = process.cpuUsage(cpu);
    const rate = events / seconds;
    figures.add({
      section,
      name: pass.name,
      value: rate,
      unit: 'events/s',
      ceiling: plain.result / plain.seconds,
      ratio: rate / (plain.result / plain.seconds),
      ...(pass.target === undefined ? {} : { target: `>= ${pass.target.toLocaleString('en-GB')} events/s`, met: rate >= pass.target }),
      note: `${events} events in ${seconds.toFixed(1)} s, ${result.map((report) => `${report.projection} ${report.rebuiltRows} rows`).join(', ')}; this process used ${((used.user + used.system) / events).toFixed(1)} us of CPU an event; ceiling: the plain ordered SELECT just before`,
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
