import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { DraftContractCommand } from './draft-contract.command';

@CommandHandler(DraftContractCommand)
export class DraftContractHandler implements ICommandHandler<DraftContractCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: DraftContractCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
