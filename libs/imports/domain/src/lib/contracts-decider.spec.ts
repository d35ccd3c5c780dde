import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SHARED_DIR } from '@ledger/testing';
import { eventHash, GENESIS_HASH, isRejection, type Actor } from '@ledger/kernel';
import type { ContractEvent } from '@ledger/contracts-model';
import { decide, evolve, INITIAL_STATE, nowOf, type ContractCommand, type ContractState, type ContractStreamEvent } from '@ledger/contracts-domain';
import { placementsFromEvents } from './existing-placements';
import { planSsda903Import, type ImportContract, type PlacementImportEvent } from './plan-ssda903-import';

// The import plans events; the contract's deciders have the last word. Every planned event, return by return,
// must be one they accept, in the order planned.
const COMMISSIONER: Actor = { sub: 'c@la', role: 'commissioner', org: 'LA-SAMPLE' };
const PROVIDER: Actor = { sub: 'p@prv', role: 'provider', org: 'PRV-SAMPLE' };
const COMMAND = { PlacementStarted: 'StartPlacement', PlacementChanged: 'ChangePlacement', PlacementEnded: 'EndPlacement', PlacementDatesCorrected: 'CorrectPlacementDates' } as const;
const csvText = readFileSync(path.join(SHARED_DIR, 'data', 'ssda903-sample', 'episodes.csv'), 'utf8');
const lines = csvText.split('\r\n');

class Contract {
  private state: ContractState = INITIAL_STATE;
  private last: ContractStreamEvent | undefined;
  private revision = 0;

  run(body: object, actor: Actor, recordedAt: string): string | undefined {
    const now = nowOf(recordedAt);
    if (!now) throw new Error(`not an instant: ${recordedAt}`);
    const decision = decide({ ...body, contractId: 'C-SAMPLE', actor } as ContractCommand, this.state, now, { framework: new Map() });
    if (isRejection(decision)) return `${decision.code}: ${JSON.stringify(body)}`;
    decision.forEach((event: ContractEvent) => this.append(event, actor, recordedAt));
    return undefined;
  }

  private append(event: ContractEvent, actor: Actor, recordedAt: string): void {
    const prevHash = this.last?.metadata.hash ?? GENESIS_HASH;
    const by = event.type === 'ContractAgreed' ? { sub: 'system', role: 'system', org: 'SYSTEM' } : actor;
    const metadata = { actor: by, commandId: `cmd-${this.revision}`, correlationId: 'import', recordedAt, schemaVersion: 1, prevHash, hash: '' };
    const stored = { ...event, revision: this.revision, metadata: { ...metadata, hash: eventHash(prevHash, { type: event.type, data: event.data, metadata }) } } as ContractStreamEvent;
    this.state = evolve(this.state, stored);
    this.last = stored;
    this.revision += 1;
  }
}

describe('the contract deciders accept what the import plans', () => {
  it.each([
    { startDate: '2016-04-01', endDate: '2021-03-31' },
    { startDate: '2018-04-01', endDate: '2019-03-31' },
  ])('the sample returns imported year by year into a contract from $startDate to $endDate', ({ startDate, endDate }) => {
    const contract = new Contract();
    const setUp = [
      contract.run({ type: 'DraftContract', commissionerId: 'LA-SAMPLE', providerId: 'PRV-SAMPLE', title: 'Sample', startDate, endDate, terms: { fees: [], outcomes: [], caps: {} } }, COMMISSIONER, '2016-01-01T10:00:00.000Z'),
      contract.run({ type: 'SignContract', party: 'provider', signedBy: 'p@prv', signedOn: '2016-01-02' }, PROVIDER, '2016-01-02T10:00:00.000Z'),
      contract.run({ type: 'SignContract', party: 'commissioner', signedBy: 'c@la', signedOn: '2016-01-03' }, COMMISSIONER, '2016-01-03T10:00:00.000Z'),
    ];
    expect(setUp).toEqual([undefined, undefined, undefined]);

    const terms: ImportContract = { contractId: 'C-SAMPLE', startDate, endDate };
    let imported: PlacementImportEvent[] = [];
    const refused: string[] = [];
    for (const year of ['2017', '2018', '2019', '2020', '2021']) {
      const text = [lines[0], ...lines.slice(1).map((line) => (line.endsWith(`,${year}`) ? line : ''))].join('\r\n');
      const plan = planSsda903Import({ csvText: text, contract: terms, existing: placementsFromEvents(imported), skipInvalid: true });
      for (const event of plan.events) {
        const answer = contract.run({ type: COMMAND[event.type], ...event.data }, COMMISSIONER, `${Number(year) + 1}-06-01T10:00:00.000Z`);
        if (answer) refused.push(answer);
      }
      imported = [...imported, ...plan.events];
    }
    expect(imported.length).toBeGreaterThan(1000);
    expect(refused).toEqual([]);
  });
});
