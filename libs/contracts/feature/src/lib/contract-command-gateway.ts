import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { answerOnce, headerOf, IDEMPOTENCY_STORE, sendAnswer, writeRequestOf, type Caller, type HttpRequest, type HttpResponse, type IdempotencyStore } from '@ledger/auth';
import {
  commandFromRequest,
  CREATING_COMMANDS,
  validatePathParams,
  type ContractCommand,
  type ContractCommandType,
} from '@ledger/contracts-domain';
import { reject } from '@ledger/kernel';
import { validateBody } from '@ledger/outcome-framework-feature';
import { COMMAND_BODIES } from './command-bodies';
import type { CommandContext, ContractWriteResult } from './contract-command-pipeline';

/** A contract command on the command bus: the decider's command and its context. */
export abstract class ContractCommandMessage<C extends ContractCommand = ContractCommand> {
  constructor(
    readonly command: C,
    readonly context: CommandContext,
  ) {}
}

/**
 * The HTTP half of every contract write, in the precedence of spec section 4 after 401 (the guard): a replayed
 * `Idempotency-Key`, then 400 for the request (path ids, body, `If-Match`), then the command bus. Answers 201 for
 * a create and 200 otherwise, with `{contractId, revision, globalPosition}` and the revision as `ETag`.
 */
@Injectable()
export class ContractCommandGateway {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
  ) {}

  async send<C extends ContractCommand>(
    type: C['type'],
    http: { caller: Caller; params: Record<string, string>; body: unknown; request: HttpRequest; response: HttpResponse },
    message: (command: C, context: CommandContext) => ContractCommandMessage<C>,
  ): Promise<unknown> {
    const { caller, params, request, response } = http;
    // No body at all reads as `{}`: verifying a claim or closing a period needs nothing more than its path.
    const body = http.body ?? {};
    const answer = await answerOnce(this.idempotency, caller, writeRequestOf(request), async (commandId) => {
      const ifMatch = parseIfMatch(headerOf(request, 'if-match'));
      // The body by its DTO (ADR 0008); `validateCommandBody` keeps the same rules for history and imports.
      const errors = [...validatePathParams(params), ...(await validateBody(COMMAND_BODIES[type as ContractCommandType], body)), ...(ifMatch === 'invalid' ? [{ field: 'If-Match', message: 'must be a quoted revision, e.g. "5"' }] : [])];
      if (errors.length > 0) throw reject('VALIDATION', 'the request is not valid', errors.map((error) => ({ field: error.field || '(body)', message: error.message })));
      const command = commandFromRequest({ type, params }, body as Record<string, unknown>, caller.actor) as C;
      const context: CommandContext = { caller, commandId, ...(ifMatch === undefined || ifMatch === 'invalid' ? {} : { ifMatch }) };
      const result = await this.commandBus.execute<ContractCommandMessage<C>, ContractWriteResult>(message(command, context));
      return { status: CREATING_COMMANDS.has(type as ContractCommandType) ? 201 : 200, body: result, etag: `"${result.revision}"` };
    });
    return sendAnswer(response, answer);
  }
}

/** `If-Match: "5"` (also `W/"5"` or a bare 5); absent: undefined. */
export function parseIfMatch(value: string | undefined): number | 'invalid' | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  return match ? Number(match[1]) : 'invalid';
}
