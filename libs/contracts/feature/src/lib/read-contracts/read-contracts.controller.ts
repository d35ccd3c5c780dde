import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller, type HttpResponse } from '@ledger/auth';
import type { Statement } from '@ledger/entitlements-domain';
import { isValidId } from '@ledger/kernel';
import { ContractReader, invalid, parseAsOf, parseLimit, parseThrough, type AsOf, type ContractView, type Page } from './contract-reader';

/** Spec section 9's contract reads; every one goes through `authoriseRead` (section 8). */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ReadContractsController {
  constructor(private readonly reader: ContractReader) {}

  /** The caller's contracts (auditors: all), by id, `{items, next}`; `next` is the `cursor` of the next page. */
  @Get()
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<Page<ContractView>> {
    if (cursor !== undefined && !isValidId(cursor)) throw invalid('cursor', 'must be a contract id');
    return this.reader.list(caller, parseLimit(limit), cursor);
  }

  /** One contract's state, with its revision as `ETag`. */
  @Get(':contractId')
  async contract(
    @CurrentCaller() caller: Caller,
    @Param('contractId') contractId: string,
    @Res({ passthrough: true }) response: HttpResponse,
    @Query('asOf') asOf?: string,
  ): Promise<ContractView> {
    const view = await this.reader.contract(caller, checkedId(contractId), parseAsOf(asOf));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  /** The stream with metadata and hashes; `from` is a revision, `next` the `from` of the next page. */
  @Get(':contractId/events')
  async events(
    @CurrentCaller() caller: Caller,
    @Param('contractId') contractId: string,
    @Res({ passthrough: true }) response: HttpResponse,
    @Query('from') from?: string,
    @Query('limit') limit?: string,
    @Query('asOf') asOf?: string,
  ): Promise<Page<unknown>> {
    if (from !== undefined && !/^\d{1,15}$/.test(from)) throw invalid('from', 'must be a revision: an integer from 0');
    const { page, revision } = await this.reader.events(caller, checkedId(contractId), from === undefined ? 0 : Number(from), parseLimit(limit), parseAsOf(asOf));
    response.setHeader('ETag', `"${revision}"`);
    return page;
  }

  /** Closed statements, oldest first; with `through`, the open month's provisional statement after them. */
  @Get(':contractId/statements')
  async statements(
    @CurrentCaller() caller: Caller,
    @Param('contractId') contractId: string,
    @Query('asOf') asOf?: string,
    @Query('through') through?: string,
  ): Promise<{ items: Statement[] }> {
    const reading = readingOf(asOf);
    return { items: await this.reader.statements(caller, checkedId(contractId), { ...reading, through: parseThrough(through) }) };
  }

  /** One month: closed, or the open one's provisional statement through `through` (default: the server's today). */
  @Get(':contractId/statements/:period')
  statement(
    @CurrentCaller() caller: Caller,
    @Param('contractId') contractId: string,
    @Param('period') period: string,
    @Query('asOf') asOf?: string,
    @Query('through') through?: string,
  ): Promise<Statement> {
    const reading = readingOf(asOf);
    return this.reader.statement(caller, checkedId(contractId), period, { ...reading, through: parseThrough(through) ?? caller.now.today });
  }
}

/** A provisional statement states the `asOf` instant asked for verbatim (spec section 5), not a position. */
function readingOf(asOf: string | undefined): { asOf?: AsOf; asOfText?: string } {
  const parsed = parseAsOf(asOf);
  if (parsed === undefined) return {};
  return 'recordedAt' in parsed ? { asOf: parsed, asOfText: parsed.recordedAt } : { asOf: parsed };
}

function checkedId(contractId: string): string {
  if (!isValidId(contractId)) throw invalid('contractId', 'must be an id');
  return contractId;
}
