import { Controller, Get, Header, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller } from '@ledger/auth';
import { isRejection, isValidId, reject } from '@ledger/kernel';
import { projectionMetrics, ProjectionWorker } from './projection-worker';
import { ReadModels, type OutcomeBenchmark, type PartnershipHistory, type ProviderEarnings } from './read-models';

function answer<T>(value: T | ReturnType<typeof reject>): T {
  if (isRejection(value)) throw value;
  return value;
}

function checkedId(field: string, value: string): string {
  if (!isValidId(value)) throw reject('VALIDATION', `${field} is not an id`, [{ field, message: 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }]);
  return value;
}

/** Spec section 9's read models of section 6, answered from the projections as of their checkpoint (`position`). */
@ApiTags('read models')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AuthGuard)
export class ReadModelsController {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  @Get('providers/:providerId/earnings')
  @ApiOkResponse({ description: 'Earned, paid and balance per period (closed statements, all contracts), and pending claims with their age in days. That provider and auditors.' })
  async earnings(@CurrentCaller() caller: Caller, @Param('providerId') providerId: string): Promise<ProviderEarnings> {
    return answer(await this.readModels.providerEarnings(caller.actor, checkedId('providerId', providerId), caller.now.today));
  }

  @Get('partnerships/:commissionerId/:providerId/history')
  @ApiOkResponse({ description: "The partnership's figures (section 6) and its timeline, `limit` events after position `from`. Its two parties and auditors." })
  async history(
    @CurrentCaller() caller: Caller,
    @Param('commissionerId') commissionerId: string,
    @Param('providerId') providerId: string,
    @Query('from') from?: string,
    @Query('limit') limit?: string,
  ): Promise<PartnershipHistory> {
    if (limit !== undefined && !/^\d{1,4}$/.test(limit)) throw reject('VALIDATION', 'limit is 1 to 1000', [{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
    return answer(
      await this.readModels.partnershipHistory(caller.actor, checkedId('commissionerId', commissionerId), checkedId('providerId', providerId), {
        today: caller.now.today,
        ...(from === undefined ? {} : { from }),
        ...(limit === undefined ? {} : { limit: Number(limit) }),
      }),
    );
  }

  @Get('benchmarks/outcomes')
  @ApiOkResponse({ description: 'Per outcome code and provider: children placed and achieving, the rate, median days to achievement, cost per outcome. Every signed-in user.' })
  benchmarks(): Promise<{ position: string; items: OutcomeBenchmark[] }> {
    return this.readModels.outcomeBenchmarks();
  }
}

/** Prometheus text: the projections' lag, failures and leadership. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ProjectionWorker) private readonly worker: ProjectionWorker) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return projectionMetrics(await this.worker.health());
  }
}
