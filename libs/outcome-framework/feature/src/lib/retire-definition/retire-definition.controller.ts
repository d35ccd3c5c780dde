import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { answerOnce, AuthGuard, CurrentCaller, IDEMPOTENCY_STORE, sendAnswer, writeRequestOf, type Caller, type IdempotencyStore, type HttpRequest, type HttpResponse } from '@ledger/auth';
import { isValidId } from '@ledger/kernel';
import type { FrameworkAnswer } from '../framework-stream';
import { requireAdmin, validated } from '../http';
import { validateBody } from '../request-validation';
import { RetireDefinitionCommand } from './retire-definition.command';
import { RetireDefinitionDto } from './retire-definition.dto';

@ApiTags('outcome-framework')
@ApiBearerAuth()
@Controller('api/outcome-framework/definitions')
@UseGuards(AuthGuard)
export class RetireDefinitionController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
  ) {}

  /** Section 9: an admin retires a code (200; retiring it again changes nothing); contracts keep using it. */
  @ApiBody({ type: RetireDefinitionDto, required: true })
  @Post(':code/retirement')
  @HttpCode(200)
  async retire(
    @CurrentCaller() caller: Caller,
    @Param('code') code: string,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    const answer = await answerOnce(this.idempotency, caller, writeRequestOf(request), async (commandId) => {
      const pathErrors = isValidId(code) ? [] : [{ field: 'code', message: 'must be an id' }];
      const { reason } = validated<{ reason: string }>([...pathErrors, ...(await validateBody(RetireDefinitionDto, body))], body);
      requireAdmin(caller);
      const write = { actor: caller.actor, commandId, correlationId: caller.correlationId, recordedAt: caller.now.recordedAt };
      const result = await this.commandBus.execute<RetireDefinitionCommand, FrameworkAnswer>(new RetireDefinitionCommand(code, reason, write));
      return { status: 200, body: { code: result.code, version: result.version, globalPosition: result.globalPosition }, etag: `"${result.revision}"` };
    });
    return sendAnswer(response, answer);
  }
}
