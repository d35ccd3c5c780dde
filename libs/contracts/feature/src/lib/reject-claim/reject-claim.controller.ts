import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { RejectClaim } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { RejectClaimCommand } from './reject-claim.command';
import { RejectClaimDto } from './reject-claim.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class RejectClaimController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner rejects a pending claim. */
  @ApiBody({ type: RejectClaimDto, required: true })
  @Post(':contractId/claims/:claimId/rejection')
  reject(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<RejectClaim>('RejectClaim', { caller, params, body, request, response }, (command, context) => new RejectClaimCommand(command, context));
  }
}
