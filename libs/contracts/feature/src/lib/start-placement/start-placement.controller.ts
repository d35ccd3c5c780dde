import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { StartPlacement } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { StartPlacementCommand } from './start-placement.command';
import { StartPlacementDto } from './start-placement.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class StartPlacementController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner records a placement starting, or a past one whole with its end (201). */
  @ApiBody({ type: StartPlacementDto, required: true })
  @Post(':contractId/placements')
  start(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<StartPlacement>('StartPlacement', { caller, params, body, request, response }, (command, context) => new StartPlacementCommand(command, context));
  }
}
