import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { EndPlacement } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { EndPlacementCommand } from './end-placement.command';
import { EndPlacementDto } from './end-placement.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class EndPlacementController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner records a placement's end. */
  @ApiBody({ type: EndPlacementDto, required: true })
  @Post(':contractId/placements/:placementId/end')
  end(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<EndPlacement>('EndPlacement', { caller, params, body, request, response }, (command, context) => new EndPlacementCommand(command, context));
  }
}
