import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { AcceptVariationCommand } from './accept-variation.command';

@CommandHandler(AcceptVariationCommand)
export class AcceptVariationHandler implements ICommandHandler<AcceptVariationCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: AcceptVariationCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
