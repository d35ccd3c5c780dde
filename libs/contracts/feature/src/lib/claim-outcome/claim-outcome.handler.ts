import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { ClaimOutcomeCommand } from './claim-outcome.command';

@CommandHandler(ClaimOutcomeCommand)
export class ClaimOutcomeHandler implements ICommandHandler<ClaimOutcomeCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: ClaimOutcomeCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
