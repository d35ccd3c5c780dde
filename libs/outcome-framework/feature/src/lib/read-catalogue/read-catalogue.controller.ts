import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthGuard, type HttpResponse } from '@ledger/auth';
import { FrameworkStream } from '../framework-stream';

@ApiTags('outcome-framework')
@ApiBearerAuth()
@Controller('api/outcome-framework')
@UseGuards(AuthGuard)
export class ReadCatalogueController {
  constructor(private readonly framework: FrameworkStream) {}

  /** Section 8: every signed-in user reads the catalogue: each code's latest version, retired ones marked. */
  @Get()
  async read(@Res({ passthrough: true }) response: HttpResponse): Promise<unknown> {
    const { catalogue, events } = await this.framework.catalogue();
    response.setHeader('ETag', `"${events.length - 1}"`);
    const items = Object.values(catalogue.entries)
      .map((entry) => ({ ...entry.latest, retired: entry.retired }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { items };
  }
}
