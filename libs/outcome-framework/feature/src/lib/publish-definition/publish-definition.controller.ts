import { Body, Controller, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { answerOnce, AuthGuard, CurrentCaller, IDEMPOTENCY_STORE, sendAnswer, writeRequestOf, type Caller, type IdempotencyStore, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { PublishDefinition } from '@ledger/outcome-framework-domain';
import type { FrameworkAnswer } from '../framework-stream';
import { requireAdmin, validated } from '../http';
import { validateBody } from '../request-validation';
import { PublishDefinitionCommand } from './publish-definition.command';
import { PublishDefinitionDto } from './publish-definition.dto';

@ApiTags('outcome-framework')
@ApiBearerAuth()
@Controller('api/outcome-framework/definitions')
@UseGuards(AuthGuard)
export class PublishDefinitionController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
  ) {}

  /** Section 9: an admin publishes a definition (201, a new version; the same content again changes nothing). */
  @ApiBody({ type: PublishDefinitionDto, required: true })
  @Post()
  async publish(@CurrentCaller() caller: Caller, @Body() body: unknown, @Req() request: HttpRequest, @Res({ passthrough: true }) response: HttpResponse): Promise<unknown> {
    const answer = await answerOnce(this.idempotency, caller, writeRequestOf(request), async (commandId) => {
      const definition = validated<Omit<PublishDefinition, 'type'>>(await validateBody(PublishDefinitionDto, body), body);
      requireAdmin(caller);
      const write = { actor: caller.actor, commandId, correlationId: caller.correlationId, recordedAt: caller.now.recordedAt };
      const result = await this.commandBus.execute<PublishDefinitionCommand, FrameworkAnswer>(new PublishDefinitionCommand(definition, write));
      return { status: 201, body: { code: result.code, version: result.version, globalPosition: result.globalPosition }, etag: `"${result.revision}"` };
    });
    return sendAnswer(response, answer);
  }
}
