import type { INestApplication } from '@nestjs/common';
import { openEventStore } from '@ledger/event-store';
import request from 'supertest';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema & { items?: Schema; pattern?: string; maximum?: number; format?: string }>;
}

/** ADR 0008: the DTOs that validate each body are the schemas `/docs` shows. */
describe('/docs-json lists each command body', () => {
  let app: INestApplication;
  let document: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    app = await createApp(loadConfig({ NODE_ENV: 'test' }), await openEventStore({ kind: 'pglite' }));
    await app.init();
    document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  });
  afterAll(() => app?.close());

  function bodySchema(path: string, method: string): Schema {
    const ref = document.paths[path]?.[method]?.requestBody?.content['application/json']?.schema.$ref;
    if (!ref) throw new Error(`no request body schema for ${method.toUpperCase()} ${path}`);
    return document.components.schemas[ref.replace('#/components/schemas/', '')];
  }

  it('POST /api/contracts/{contractId}/placements: placementId required, an id pattern, dates as dates', () => {
    const schema = bodySchema('/api/contracts/{contractId}/placements', 'post');
    expect(schema.required).toEqual(expect.arrayContaining(['placementId', 'childRef', 'startDate', 'placementType']));
    expect(schema.required).not.toContain('endDate');
    expect(schema.properties?.['placementId'].pattern).toBe('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
    expect(schema.properties?.['startDate'].format).toBe('date');
  });

  // A nested DTO is a `$ref`, or an `allOf` of one when the member carries its own description.
  function named(schema: Schema | undefined): Schema {
    const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
    if (!ref) throw new Error(`not a reference: ${JSON.stringify(schema)}`);
    return document.components.schemas[ref.replace('#/components/schemas/', '')];
  }

  it('POST /api/contracts: the terms are nested schemas down to a fee\'s pence', () => {
    const draft = bodySchema('/api/contracts', 'post');
    expect(draft.required).toContain('terms');
    const terms = named(draft.properties?.['terms']);
    expect(terms.required).toEqual(expect.arrayContaining(['fees', 'outcomes', 'caps']));
    const fee = named(terms.properties?.['fees'].items);
    expect(fee.properties?.['pricePence'].maximum).toBe(1_000_000_000_000);
  });

  it.each([
    ['/api/contracts/{contractId}/payments', 'post', 'amountPence'],
    ['/api/outcome-framework/definitions', 'post', 'definition'],
    ['/api/outcome-framework/definitions/{code}/retirement', 'post', 'reason'],
  ])('%s (%s) requires %s', (path, method, member) => {
    expect(bodySchema(path, method).required).toContain(member);
  });
});
