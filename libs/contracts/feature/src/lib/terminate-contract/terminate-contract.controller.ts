import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { TerminateContract } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { TerminateContractCommand } from './terminate-contract.command';
import { TerminateContractDto } from './terminate-contract.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class TerminateContractController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner terminates the contract. */
  @ApiBody({ type: TerminateContractDto, required: true })
  @Post(':contractId/termination')
  terminate(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<TerminateContract>('TerminateContract', { caller, params, body, request, response }, (command, context) => new TerminateContractCommand(command, context));
  }
}
