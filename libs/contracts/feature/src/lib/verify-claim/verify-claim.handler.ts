import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { VerifyClaimCommand } from './verify-claim.command';

@CommandHandler(VerifyClaimCommand)
export class VerifyClaimHandler implements ICommandHandler<VerifyClaimCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: VerifyClaimCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
