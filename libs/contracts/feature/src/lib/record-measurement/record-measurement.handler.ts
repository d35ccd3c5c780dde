import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContractCommandPipeline, type ContractWriteResult } from '../contract-command-pipeline';
import { RecordMeasurementCommand } from './record-measurement.command';

@CommandHandler(RecordMeasurementCommand)
export class RecordMeasurementHandler implements ICommandHandler<RecordMeasurementCommand, ContractWriteResult> {
  constructor(private readonly pipeline: ContractCommandPipeline) {}

  execute({ command, context }: RecordMeasurementCommand): Promise<ContractWriteResult> {
    return this.pipeline.execute(command, context);
  }
}
