import { Body, Controller, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpRequest, type HttpResponse } from '@ledger/auth';
import type { RecordMeasurement } from '@ledger/contracts-domain';
import { ContractCommandGateway } from '../contract-command-gateway';
import { RecordMeasurementCommand } from './record-measurement.command';
import { RecordMeasurementDto } from './record-measurement.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class RecordMeasurementController {
  constructor(private readonly gateway: ContractCommandGateway) {}

  /** Spec section 9: either party records a measurement (201). */
  @ApiBody({ type: RecordMeasurementDto, required: true })
  @Post(':contractId/measurements')
  record(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    return this.gateway.send<RecordMeasurement>('RecordMeasurement', { caller, params, body, request, response }, (command, context) => new RecordMeasurementCommand(command, context));
  }
}
