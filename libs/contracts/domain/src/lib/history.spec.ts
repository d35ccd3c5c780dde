import { type Catalogue, decideFramework, evolveCatalogue, outcomeKinds } from '@ledger/outcome-framework-domain';
import { isRejection } from '@ledger/kernel';
import { loadCatalogue, loadExamples, rechain } from '../test/fixtures';
import { verifyContractHistory } from './history';
import type { ContractStreamEvent } from './state';

const catalogue = loadCatalogue();
const framework = outcomeKinds(catalogue);
const examples = loadExamples();
const rows = examples.map((example) => [example.name, example.events] as const);

function firstRevision(events: readonly ContractStreamEvent[], type: ContractStreamEvent['type']): number {
  const found = events.find((event) => event.type === type);
  if (!found) throw new Error(`no ${type}`);
  return found.revision;
}

function withData(events: readonly ContractStreamEvent[], revision: number, change: (data: Record<string, unknown>) => Record<string, unknown>) {
  return events.map((event) => (event.revision === revision ? ({ ...event, data: change({ ...event.data }) } as ContractStreamEvent) : event));
}

describe('verifyContractHistory', () => {
  it.each(rows)('passes on %s with the framework', (_name, events) => {
    expect(verifyContractHistory(events, { framework })).toEqual({ ok: true, events: events.length });
  });

  it('says so when no framework was given', () => {
    const verdict = verifyContractHistory(examples[0].events);
    expect(verdict.ok).toBe(true);
    expect(verdict.note).toMatch(/not checked/);
  });

  it('accepts a code retired after the contract used it when given every code ever published', () => {
    const events = examples.find((example) => example.name.startsWith('02'))?.events ?? [];
    const retired = decideFramework({ type: 'RetireDefinition', code: 'CL-JOB', reason: 'replaced' }, catalogue);
    if (isRejection(retired)) throw new Error(retired.code);
    const later: Catalogue = retired.reduce(evolveCatalogue, catalogue);
    expect(verifyContractHistory(events, { framework: outcomeKinds(later, { includeRetired: true }) }).ok).toBe(true);
    expect(verifyContractHistory(events, { framework: outcomeKinds(later) })).toMatchObject({ ok: false, revision: 0 });
  });

  it.each(rows)('%s: one amount altered (a verified amount, else a close total; chain recomputed) is caught by the rules at that revision', (_name, events) => {
    const verified = events.find((event) => event.type === 'OutcomeVerified') ?? events.find((event) => event.type === 'PeriodClosed');
    if (!verified) throw new Error('every example has a verification or a close');
    const altered = rechain(
      withData(events, verified.revision, (data) =>
        verified.type === 'OutcomeVerified'
          ? { ...data, amountPence: (data['amountPence'] as number) + 1 }
          : { ...data, totals: { ...(data['totals'] as object), feesPence: 1 } },
      ),
    );
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision: verified.revision, reason: expect.stringMatching(/differ/) });
  });

  it.each(rows)('%s: one byte of a close altered breaks the chain there', (_name, events) => {
    const revision = firstRevision(events, 'PeriodClosed');
    const altered = withData(events, revision, (data) => ({ ...data, closedOn: String(data['closedOn']).replace(/.$/, (d) => String((Number(d) + 1) % 10)) }));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision, reason: expect.stringMatching(/hash/) });
  });

  it('an edit of metadata (the actor) breaks the chain at that event', () => {
    const events = examples[0].events;
    const altered = events.map((event) => (event.revision === 5 ? { ...event, metadata: { ...event.metadata, actor: { ...event.metadata.actor, sub: 'x' } } } : event));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision: 5 });
  });

  it('names the event a recordedAt going back in time', () => {
    const events = examples[0].events;
    const altered = rechain(events.map((event) => (event.revision === 5 ? { ...event, metadata: { ...event.metadata, recordedAt: '2024-01-01T00:00:00.000Z' } } : event)));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision: 5, reason: expect.stringMatching(/back in time/) });
  });

  it('refuses an agreement the signatures do not give (another termsHash, chain recomputed)', () => {
    const events = examples[0].events;
    const revision = firstRevision(events, 'ContractAgreed');
    const altered = rechain(withData(events, revision, (data) => ({ ...data, termsHash: '0'.repeat(64) })));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision });
  });

  it('refuses an event the rules refuse (a placement moved before the contract, chain recomputed)', () => {
    const events = examples[0].events;
    const revision = firstRevision(events, 'PlacementStarted');
    const altered = rechain(withData(events, revision, (data) => ({ ...data, startDate: '2024-03-01' })));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision, reason: expect.stringMatching(/OUTSIDE_TERM/) });
  });
});

describe('verifyContractHistory checks each event as a request too', () => {
  it('refuses a payment in fractional pence (chain recomputed)', () => {
    const events = examples[0].events;
    const payment = events.find((event) => event.type === 'PaymentRecorded');
    if (!payment) throw new Error('example 01 has a payment');
    const altered = rechain(withData(events, payment.revision, (data) => ({ ...data, amountPence: 0.5 })));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision: payment.revision, reason: expect.stringMatching(/^VALIDATION: amountPence/) });
  });
});

describe('the system agreement', () => {
  it('is recorded with the second signature (same recordedAt; chain recomputed)', () => {
    const events = examples[0].events;
    const revision = firstRevision(events, 'ContractAgreed');
    const altered = rechain(events.map((event) => (event.revision === revision ? { ...event, metadata: { ...event.metadata, causationId: 'other' } } : event)));
    expect(verifyContractHistory(altered, { framework })).toMatchObject({ ok: false, revision, reason: expect.stringMatching(/with the second signature/) });
  });
});
