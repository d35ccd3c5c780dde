import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { CorrectPlacementDatesCommand } from './correct-placement-dates.command';

@CommandHandler(CorrectPlacementDatesCommand)
export class CorrectPlacementDatesHandler implements ICommandHandler<CorrectPlacementDatesCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: CorrectPlacementDatesCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
