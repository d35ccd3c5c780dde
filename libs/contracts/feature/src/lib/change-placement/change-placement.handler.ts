import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { ChangePlacementCommand } from './change-placement.command';

@CommandHandler(ChangePlacementCommand)
export class ChangePlacementHandler implements ICommandHandler<ChangePlacementCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: ChangePlacementCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
