import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { RecordPayment } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { RecordPaymentCommand } from './record-payment.command';
import { RecordPaymentDto } from './record-payment.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class RecordPaymentController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: the commissioner records a payment either way (201). */
  @ApiBody({ type: RecordPaymentDto, required: true })
  @Post(':contractId/payments')
  record(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<RecordPayment>('RecordPayment', { caller, params, body, request, response }, (command, context) => new RecordPaymentCommand(command, context));
  }
}
