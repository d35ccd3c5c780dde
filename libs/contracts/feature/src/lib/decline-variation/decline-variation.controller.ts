import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { DeclineVariation } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { DeclineVariationCommand } from './decline-variation.command';
import { DeclineVariationDto } from './decline-variation.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class DeclineVariationController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the other party declines a pending variation, on the server's today. */
  @ApiBody({ type: DeclineVariationDto, required: false })
  @Post(':contractId/variations/:variationId/decline')
  decline(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<DeclineVariation>('DeclineVariation', { caller, params, body, request, response }, (command, context) => new DeclineVariationCommand(command, context));
  }
}
