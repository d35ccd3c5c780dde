import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { ClosePeriod } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { ClosePeriodCommand } from './close-period.command';
import { ClosePeriodDto } from './close-period.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ClosePeriodController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner closes the next month, recording its statement. */
  @ApiBody({ type: ClosePeriodDto, required: false })
  @Post(':contractId/periods/:period/close')
  close(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<ClosePeriod>('ClosePeriod', { caller, params, body, request, response }, (command, context) => new ClosePeriodCommand(command, context));
  }
}
