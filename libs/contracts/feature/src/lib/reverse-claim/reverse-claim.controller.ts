import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { ReverseClaim } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { ReverseClaimCommand } from './reverse-claim.command';
import { ReverseClaimDto } from './reverse-claim.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ReverseClaimController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner reverses a verified claim, clawing back its amount. */
  @ApiBody({ type: ReverseClaimDto, required: true })
  @Post(':contractId/claims/:claimId/reversal')
  reverse(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<ReverseClaim>('ReverseClaim', { caller, params, body, request, response }, (command, context) => new ReverseClaimCommand(command, context));
  }
}
