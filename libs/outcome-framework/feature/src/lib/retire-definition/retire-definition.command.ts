import type { FrameworkWrite } from '../framework-stream';

export class RetireDefinitionCommand {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly write: FrameworkWrite,
  ) {}
}
