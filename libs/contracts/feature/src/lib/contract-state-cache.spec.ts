import type { RecordedContractEvent } from '@ledger/contracts-model';
import { evolve, foldContract, type ContractStreamEvent } from '@ledger/contracts-domain';
import { loadExampleFolders } from '@ledger/testing';
import { ContractStateCache, type FoldedContract } from './contract-state-cache';

function folded(length: number): FoldedContract {
  return { events: Array.from({ length }, () => ({}) as RecordedContractEvent), state: { status: 'none' } };
}

describe('ContractStateCache', () => {
  it('keeps at most its events, dropping the least recently used contract first', () => {
    const cache = new ContractStateCache(10);
    cache.set('A', folded(4));
    cache.set('B', folded(4));
    expect(cache.get('A')?.events).toHaveLength(4);
    cache.set('C', folded(4));
    expect(cache.get('B')).toBeUndefined();
    expect(cache.get('A')?.events).toHaveLength(4);
    expect(cache.get('C')?.events).toHaveLength(4);
    expect(cache.size).toEqual({ contracts: 2, events: 8 });
  });

  it('never holds a contract longer than its bound, and keeps the longer fold of one contract', () => {
    const cache = new ContractStateCache(10);
    cache.set('A', folded(11));
    expect(cache.size).toEqual({ contracts: 0, events: 0 });
    cache.set('A', folded(6));
    cache.set('A', folded(5));
    expect(cache.get('A')?.events).toHaveLength(6);
    cache.set('A', folded(7));
    expect(cache.size).toEqual({ contracts: 1, events: 7 });
    cache.delete('A');
    expect(cache.size).toEqual({ contracts: 0, events: 0 });
  });
});

describe('a kept fold brought up to date event by event', () => {
  it.each(loadExampleFolders().map((example) => [example.name, example.events] as const))('%s: equals the fold of the whole stream at every split', (_name, events: ContractStreamEvent[]) => {
    const whole = foldContract(events);
    for (let split = 1; split < events.length; split++) {
      const caughtUp = events.slice(split).reduce(evolve, foldContract(events.slice(0, split)));
      expect({ split, state: caughtUp }).toEqual({ split, state: whole });
    }
  });
});
