import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { ClaimOutcome } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { ClaimOutcomeCommand } from './claim-outcome.command';
import { ClaimOutcomeDto } from './claim-outcome.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ClaimOutcomeController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the provider claims an outcome, claimed on the server's today (201). */
  @ApiBody({ type: ClaimOutcomeDto, required: true })
  @Post(':contractId/claims')
  claim(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<ClaimOutcome>('ClaimOutcome', { caller, params, body, request, response }, (command, context) => new ClaimOutcomeCommand(command, context));
  }
}
