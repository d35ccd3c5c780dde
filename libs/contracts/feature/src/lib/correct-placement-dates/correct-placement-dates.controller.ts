import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { CorrectPlacementDates } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { CorrectPlacementDatesCommand } from './correct-placement-dates.command';
import { CorrectPlacementDatesDto } from './correct-placement-dates.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class CorrectPlacementDatesController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner corrects a placement's dates. */
  @ApiBody({ type: CorrectPlacementDatesDto, required: true })
  @Post(':contractId/placements/:placementId/correction')
  correct(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<CorrectPlacementDates>('CorrectPlacementDates', { caller, params, body, request, response }, (command, context) => new CorrectPlacementDatesCommand(command, context));
  }
}
