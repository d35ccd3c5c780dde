import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { ProposeVariation } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { ProposeVariationCommand } from './propose-variation.command';
import { ProposeVariationDto } from './propose-variation.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ProposeVariationController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: either party proposes a variation, as its role (201). */
  @ApiBody({ type: ProposeVariationDto, required: true })
  @Post(':contractId/variations')
  propose(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<ProposeVariation>('ProposeVariation', { caller, params, body, request, response }, (command, context) => new ProposeVariationCommand(command, context));
  }
}
