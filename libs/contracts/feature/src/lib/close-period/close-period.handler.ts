import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { ClosePeriodCommand } from './close-period.command';

@CommandHandler(ClosePeriodCommand)
export class ClosePeriodHandler implements ICommandHandler<ClosePeriodCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: ClosePeriodCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
