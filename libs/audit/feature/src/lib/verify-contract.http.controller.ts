import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller } from '@ledger/auth';
import { authoriseRead, evolve, INITIAL_STATE, type ContractStreamEvent } from '@ledger/contracts-domain';
import { contractStreamId } from '@ledger/contracts-model';
import type { EventStore } from '@ledger/event-store';
import { isValidId, reject } from '@ledger/kernel';
import type { ReadModelChecker } from './read-model-checker';
import { verifyContract, type ContractAuditReport } from './verify-contract';

export const AUDIT_EVENT_STORE = 'AuditEventStore';
export const AUDIT_READ_MODELS = 'AuditReadModels';

/**
 * `GET /api/audit/contracts/{id}/verify` (spec sections 9 and 10): what `ledger verify --contract` prints. A report
 * that names discrepancies is still a 200: the verification itself succeeded.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/contracts')
@UseGuards(AuthGuard)
export class VerifyContractController {
  constructor(
    @Inject(AUDIT_EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_READ_MODELS) private readonly readModels: readonly ReadModelChecker[],
  ) {}

  @Get(':contractId/verify')
  async verify(@CurrentCaller() caller: Caller, @Param('contractId') contractId: string): Promise<ContractAuditReport> {
    if (!isValidId(contractId)) throw reject('VALIDATION', 'contractId must be an id', [{ field: 'contractId', message: 'must be an id' }]);
    const [first] = await this.store.readStream(contractStreamId(contractId), { maxCount: 1 });
    // Section 8 asks only who the parties are, which the draft says. A stream that does not start with a draft,
    // tampered with or not, is still the auditors' to verify.
    const parties = first?.type === 'ContractDrafted' ? evolve(INITIAL_STATE, first as ContractStreamEvent) : INITIAL_STATE;
    const denied = first !== undefined && caller.actor.role === 'auditor' ? undefined : authoriseRead(caller.actor, parties, contractId);
    if (denied) throw denied;
    return verifyContract(this.store, contractId, { readModels: this.readModels });
  }
}

