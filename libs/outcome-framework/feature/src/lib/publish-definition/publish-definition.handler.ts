import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FrameworkStream, type FrameworkAnswer } from '../framework-stream';
import { PublishDefinitionCommand } from './publish-definition.command';

@CommandHandler(PublishDefinitionCommand)
export class PublishDefinitionHandler implements ICommandHandler<PublishDefinitionCommand, FrameworkAnswer> {
  constructor(private readonly framework: FrameworkStream) {}

  execute(command: PublishDefinitionCommand): Promise<FrameworkAnswer> {
    return this.framework.execute({ type: 'PublishDefinition', ...command.definition }, command.write);
  }
}
