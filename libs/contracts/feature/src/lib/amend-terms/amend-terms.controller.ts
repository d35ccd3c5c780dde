import { Body, Controller, Param, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { AmendTerms } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { AmendTermsCommand } from './amend-terms.command';
import { AmendTermsDto } from './amend-terms.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class AmendTermsController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner amends a draft's terms (200; the same terms again change nothing). */
  @ApiBody({ type: AmendTermsDto, required: true })
  @Put(':contractId/terms')
  amend(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<AmendTerms>('AmendTerms', { caller, params, body, request, response }, (command, context) => new AmendTermsCommand(command, context));
  }
}
