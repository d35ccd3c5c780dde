import type { PublishDefinition } from '@ledger/outcome-framework-domain';
import type { FrameworkWrite } from '../framework-stream';

export class PublishDefinitionCommand {
  constructor(
    readonly definition: Omit<PublishDefinition, 'type'>,
    readonly write: FrameworkWrite,
  ) {}
}
