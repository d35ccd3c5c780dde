import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { AmendTermsCommand } from './amend-terms.command';

@CommandHandler(AmendTermsCommand)
export class AmendTermsHandler implements ICommandHandler<AmendTermsCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: AmendTermsCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
