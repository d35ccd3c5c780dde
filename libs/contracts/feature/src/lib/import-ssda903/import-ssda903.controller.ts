import { Controller, Inject, Param, Post, Query, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { answerOnce, AuthGuard, CurrentCaller, IDEMPOTENCY_STORE, sendAnswer, writeRequestOf, type Caller, type IdempotencyStore, type HttpRequest, type HttpResponse } from '@ledger/auth';
import { validatePathParams } from '@ledger/contracts-domain';
import type { EventStore } from '@ledger/event-store';
import { reject, sha256Hex } from '@ledger/kernel';
import { CONTRACTS_EVENT_STORE } from '../contract-stream';
import { importSsda903 } from './import-ssda903';

/** A whole authority's episodes over several returns is a few megabytes; this leaves room without inviting abuse. */
export const MAX_EPISODES_BYTES = 20 * 1024 * 1024;

/** The part of multer's file that the import reads (the field is kept in memory, up to the limit). */
interface UploadedEpisodes {
  buffer: Buffer;
}

type Query = Record<string, string | string[] | undefined>;

interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
  la?: string;
  urns?: string[];
}

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
@UseGuards(AuthGuard)
export class ImportSsda903Controller {
  constructor(
    @Inject(CONTRACTS_EVENT_STORE) private readonly store: EventStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
  ) {}

  /**
   * Issue 12, as `ledger import ssda903` does it: the contract's commissioner sends a multipart `episodes` file,
   * with `dryRun`, `skipInvalid`, `la` and `urn` (repeatable) in the query. 200 with the summary whether or not
   * anything was appended (`appended` says), 422 with the same body when bad rows imported nothing.
   */
  @Post(':contractId/imports/ssda903')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['episodes'], properties: { episodes: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('episodes', { limits: { fileSize: MAX_EPISODES_BYTES, files: 1 } }))
  async import(
    @CurrentCaller() caller: Caller,
    @Param() params: Record<string, string>,
    @Query() query: Query,
    @UploadedFile() file: UploadedEpisodes | undefined,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<unknown> {
    const csvText = file?.buffer.toString('utf8');
    // A replay is the same query and the same file: the file stands in the request's hash by its own.
    const write = { ...writeRequestOf(request), body: { query, episodesSha256: csvText === undefined ? null : sha256Hex(csvText) } };
    const answer = await answerOnce(this.idempotency, caller, write, async (commandId) => {
      const options = parseOptions(params, query, csvText);
      const result = await importSsda903(this.store, {
        contractId: params['contractId'],
        csvText: csvText ?? '',
        ...options,
        actor: caller.actor,
        now: caller.now,
        commandId,
        correlationId: caller.correlationId,
      });
      return { status: result.ok ? 200 : 422, body: result, etag: `"${result.revision}"` };
    });
    return sendAnswer(response, answer);
  }
}

function parseOptions(params: Record<string, string>, query: Query, csvText: string | undefined): ImportOptions {
  const errors = [...validatePathParams(params)];
  const flag = (name: string): boolean => {
    const value = query[name];
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    errors.push({ field: name, message: 'must be true or false' });
    return false;
  };
  const dryRun = flag('dryRun');
  const skipInvalid = flag('skipInvalid');
  const la = query['la'];
  if (Array.isArray(la) || la === '') errors.push({ field: 'la', message: 'must be one authority name' });
  const urn = query['urn'];
  const urns = urn === undefined ? undefined : Array.isArray(urn) ? urn : [urn];
  if (urns?.some((value) => value === '')) errors.push({ field: 'urn', message: 'must not be empty' });
  const unknown = Object.keys(query).filter((name) => !['dryRun', 'skipInvalid', 'la', 'urn'].includes(name));
  errors.push(...unknown.map((name) => ({ field: name, message: 'is not an option of this import' })));
  if (csvText === undefined) errors.push({ field: 'episodes', message: 'a multipart file field with the episodes CSV is required' });
  if (errors.length > 0) throw reject('VALIDATION', 'the request is not valid', errors);
  return { dryRun, skipInvalid, ...(typeof la === 'string' ? { la } : {}), ...(urns ? { urns } : {}) };
}
