import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FrameworkStream, type FrameworkAnswer } from '../framework-stream';
import { RetireDefinitionCommand } from './retire-definition.command';

@CommandHandler(RetireDefinitionCommand)
export class RetireDefinitionHandler implements ICommandHandler<RetireDefinitionCommand, FrameworkAnswer> {
  constructor(private readonly framework: FrameworkStream) {}

  execute(command: RetireDefinitionCommand): Promise<FrameworkAnswer> {
    return this.framework.execute({ type: 'RetireDefinition', code: command.code, reason: command.reason }, command.write);
  }
}
