import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import request from 'supertest';
import { describeStore, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { openConfiguredStore } from './store/open-store';

const databaseUrl = postgresTestUrl('api on PostgreSQL');

(databaseUrl ? describe : describe.skip)('the HTTP app with EVENT_STORE=postgres', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl);
    const config = loadConfig({ NODE_ENV: 'test', EVENT_STORE: 'postgres', DATABASE_URL: database.url });
    expect(describeStore(config.store)).toBe(`postgres at ${new URL(database.url).host}/${database.name}`);
    app = await createApp(config, await openConfiguredStore(config.store));
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('/health names postgres, which answered a read', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', store: { kind: 'postgres', responseMs: expect.any(Number) }, projections: expect.objectContaining({ projections: expect.any(Array) }) });
  });
});
