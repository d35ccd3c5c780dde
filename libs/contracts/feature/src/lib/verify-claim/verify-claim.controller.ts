import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { VerifyClaim } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { VerifyClaimCommand } from './verify-claim.command';
import { VerifyClaimDto } from './verify-claim.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class VerifyClaimController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner verifies a pending claim; the fold prices it. */
  @ApiBody({ type: VerifyClaimDto, required: false })
  @Post(':contractId/claims/:claimId/verification')
  verify(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<VerifyClaim>('VerifyClaim', { caller, params, body, request, response }, (command, context) => new VerifyClaimCommand(command, context));
  }
}
