import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { SignContract } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { SignContractCommand } from './sign-contract.command';
import { SignContractDto } from './sign-contract.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class SignContractController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: a party signs as itself; the second signature also appends the system's ContractAgreed. */
  @ApiBody({ type: SignContractDto, required: true })
  @Post(':contractId/signatures')
  sign(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<SignContract>('SignContract', { caller, params, body, request, response }, (command, context) => new SignContractCommand(command, context));
  }
}
