import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { ProposeVariationCommand } from './propose-variation.command';

@CommandHandler(ProposeVariationCommand)
export class ProposeVariationHandler implements ICommandHandler<ProposeVariationCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: ProposeVariationCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
