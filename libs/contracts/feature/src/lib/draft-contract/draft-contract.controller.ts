import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { DraftContract } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { DraftContractCommand } from './draft-contract.command';
import { DraftContractDto } from './draft-contract.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class DraftContractController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: a commissioner drafts a contract for its own organisation (201). */
  @ApiBody({ type: DraftContractDto, required: true })
  @Post()
  draft(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<DraftContract>('DraftContract', { caller, params, body, request, response }, (command, context) => new DraftContractCommand(command, context));
  }
}
