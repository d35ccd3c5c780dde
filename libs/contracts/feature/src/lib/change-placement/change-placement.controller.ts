import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { ChangePlacement } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { ChangePlacementCommand } from './change-placement.command';
import { ChangePlacementDto } from './change-placement.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ChangePlacementController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner records a change of placement type. */
  @ApiBody({ type: ChangePlacementDto, required: true })
  @Post(':contractId/placements/:placementId/changes')
  change(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<ChangePlacement>('ChangePlacement', { caller, params, body, request, response }, (command, context) => new ChangePlacementCommand(command, context));
  }
}
