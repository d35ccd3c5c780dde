import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { DeclineVariationCommand } from './decline-variation.command';

@CommandHandler(DeclineVariationCommand)
export class DeclineVariationHandler implements ICommandHandler<DeclineVariationCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: DeclineVariationCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
