import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { AcceptVariation } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { AcceptVariationCommand } from './accept-variation.command';
import { AcceptVariationDto } from './accept-variation.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class AcceptVariationController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the other party accepts a pending variation, on the server's today. */
  @ApiBody({ type: AcceptVariationDto, required: false })
  @Post(':contractId/variations/:variationId/acceptance')
  accept(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<AcceptVariation>('AcceptVariation', { caller, params, body, request, response }, (command, context) => new AcceptVariationCommand(command, context));
  }
}
