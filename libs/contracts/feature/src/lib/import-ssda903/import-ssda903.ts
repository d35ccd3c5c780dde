import { authorise, checkClock, decide, rejectWith, evolve, foldContract, type ContractCommand, type ContractState, type ContractStreamEvent, type Now, type StartPlacement } from '@ledger/contracts-domain';
import type { ContractEvent } from '@ledger/contracts-model';
import { ConcurrencyError, type EventStore, type EventToAppend } from '@ledger/event-store';
import { placementsFromEvents, planSsda903Import, type ImportContract, type ImportIssue, type PlacementImportEvent, type Ssda903ImportSummary } from '@ledger/imports-domain';
import { eventIdFor, isRejection, reject, type Actor } from '@ledger/kernel';
import { MAX_DECIDE_ATTEMPTS } from '../contract-command-pipeline';
import { asStreamEvents, contractStreamId, readContractStream } from '../contract-stream';

export interface Ssda903ImportInput {
  contractId: string;
  csvText: string;
  la?: string;
  urns?: readonly string[];
  skipInvalid: boolean;
  /** Plan and decide, append nothing: the answer lists the events an import would append. */
  dryRun: boolean;
  /** Who imports, given the contract's commissioner (the CLI acts as that commissioner, see `cliActor`). */
  actor: Actor | ((commissionerId: string) => Actor);
  now: Now;
  /** Event ids derive from it (the `Idempotency-Key` on HTTP), as for every contract command. */
  commandId: string;
  correlationId: string;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface Ssda903ImportResult {
  contractId: string;
  dryRun: boolean;
  /** False when `errors` is not empty: nothing was appended. */
  ok: boolean;
  /** Events appended (0 on a dry run, on a re-import, and when `ok` is false). */
  appended: number;
  /** The stream's revision after the import (unchanged when nothing was appended). */
  revision: number;
  /** The difference the file makes: on a dry run, what an import would append; otherwise what it appended. */
  events: PlacementImportEvent[];
  skipped: ImportIssue[];
  errors: ImportIssue[];
  summary: Ssda903ImportSummary;
}

/** The CLI writes as the contract's commissioner, under a subject that names the tool in the audit trail. */
export function cliActor(commissionerId: string): Actor {
  return { sub: 'ledger-cli', role: 'commissioner', org: commissionerId };
}

const COMMAND_OF = {
  PlacementStarted: 'StartPlacement',
  PlacementChanged: 'ChangePlacement',
  PlacementEnded: 'EndPlacement',
  PlacementDatesCorrected: 'CorrectPlacementDates',
} as const;

/**
 * Issue 12: an SSDA903 episodes file into one contract's placement events, for the CLI and the HTTP route alike.
 * The plan is the difference between the file and the stream; every planned event is then decided in turn, as
 * the commissioner's command, against the state the ones before it leave, so the import writes nothing a
 * placement route would refuse. All of it goes in one append at the revision read: a refusal or a failure writes
 * nothing, and a concurrent append means planning again from the new stream. Throws the first refusal.
 */
export async function importSsda903(store: EventStore, input: Ssda903ImportInput): Promise<Ssda903ImportResult> {
  for (let attempt = 1; ; attempt++) {
    const stream = await readContractStream(store, input.contractId);
    const state = foldContract(asStreamEvents(stream));
    if (state.status === 'none') throw rejectWith('CONTRACT_NOT_FOUND', `no contract ${input.contractId}`);
    const actor = typeof input.actor === 'function' ? input.actor(state.drafted.commissionerId) : input.actor;
    // Authorised as StartPlacement before the file is read, so an outsider learns nothing from the summary.
    const probe: StartPlacement = { type: 'StartPlacement', contractId: input.contractId, actor, ...NO_PLACEMENT };
    const refused = checkClock(state, input.now) ?? authorise(probe, state);
    if (refused) throw refused;

    const contract: ImportContract = {
      contractId: input.contractId,
      startDate: state.drafted.startDate,
      endDate: state.endDate,
      ...(state.status === 'terminated' ? { terminatedOn: state.terminatedOn } : {}),
    };
    const plan = planSsda903Import({
      csvText: input.csvText,
      contract,
      existing: placementsFromEvents(stream),
      la: input.la,
      urns: input.urns,
      skipInvalid: input.skipInvalid,
      onProgress: input.onProgress,
    });
    const revision = stream.length - 1;
    const answer = { contractId: input.contractId, dryRun: input.dryRun, skipped: plan.skipped, errors: plan.errors, summary: plan.summary, revision };
    if (plan.errors.length > 0) return { ...answer, ok: false, appended: 0, events: [] };

    const decided = decideAll(plan.events, state, input, actor);
    if (input.dryRun || decided.length === 0) return { ...answer, ok: true, appended: 0, events: decided };
    try {
      const appended = await store.appendToStream(contractStreamId(input.contractId), envelopes(decided, input, actor), { expectedRevision: revision });
      return { ...answer, ok: true, appended: decided.length, events: decided, revision: appended.revision };
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < MAX_DECIDE_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** The body of a placement command is irrelevant to authorisation, which looks at the actor and the command's type. */
const NO_PLACEMENT = { placementId: '', childRef: '', startDate: '', placementType: 'U1' } as const;

function decideAll(planned: readonly PlacementImportEvent[], start: ContractState, input: Ssda903ImportInput, actor: Actor): PlacementImportEvent[] {
  let state = start;
  const decided: PlacementImportEvent[] = [];
  for (const event of planned) {
    const command = { ...event.data, type: COMMAND_OF[event.type], contractId: input.contractId, actor } as ContractCommand;
    const decision = decide(command, state, input.now);
    if (isRejection(decision)) {
      const placementId = (event.data as { placementId: string }).placementId;
      throw reject(decision.code, `${event.type} of ${placementId}: ${decision.message}; nothing was imported`, decision.errors && [...decision.errors]);
    }
    for (const produced of decision as ContractEvent[]) {
      decided.push(produced as PlacementImportEvent);
      state = evolve(state, unsealed(produced, state, input, actor));
    }
  }
  return decided;
}

/** The fold reads type, data and metadata; the hashes are the store's to seal on append. */
function unsealed(event: ContractEvent, state: ContractState, input: Ssda903ImportInput, actor: Actor): ContractStreamEvent {
  const revision = state.status === 'none' ? 0 : state.events.length;
  const metadata = { actor, commandId: input.commandId, correlationId: input.correlationId, recordedAt: input.now.recordedAt, schemaVersion: 1, prevHash: '', hash: '' };
  return { ...event, revision, metadata } as ContractStreamEvent;
}

function envelopes(events: readonly PlacementImportEvent[], input: Ssda903ImportInput, actor: Actor): EventToAppend[] {
  return events.map((event, index) => ({
    id: eventIdFor(input.commandId, index),
    type: event.type,
    data: event.data,
    metadata: { actor, commandId: input.commandId, correlationId: input.correlationId, recordedAt: input.now.recordedAt, schemaVersion: 1 },
  }));
}
