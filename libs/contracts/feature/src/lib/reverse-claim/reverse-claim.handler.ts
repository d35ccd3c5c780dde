import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { ReverseClaimCommand } from './reverse-claim.command';

@CommandHandler(ReverseClaimCommand)
export class ReverseClaimHandler implements ICommandHandler<ReverseClaimCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: ReverseClaimCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
