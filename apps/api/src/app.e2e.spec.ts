import type { INestApplication } from '@nestjs/common';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { bearerToken, TEST_JWT_SECRET } from '@ledger/testing';
import request from 'supertest';
import { loadConfig } from './config/app-config';
import { createApp } from './create-app';

const PROBLEM = /^application\/problem\+json/;
// Signed in: without a token every /api route is 401 before its body is read (spec section 4).
const AUTHORIZATION = `Bearer ${bearerToken({ sub: 'jane@la', role: 'commissioner', org: 'LA-TEST' })}`;

describe('the HTTP app on an in-memory PGlite store', () => {
  let store: EventStore;
  let app: INestApplication;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    app = await createApp(loadConfig({ NODE_ENV: 'test', JSON_BODY_LIMIT_BYTES: '1024', AUTH_JWT_SECRET: TEST_JWT_SECRET, REQUEST_LOG: 'off' }), store);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('/health names the store, which answered a read', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', store: { kind: 'pglite', responseMs: expect.any(Number) }, projections: expect.objectContaining({ role: 'leader' }) });
  });

  it('/docs serves the OpenAPI UI and /docs-json the document, which lists /health', async () => {
    const page = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    const document = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toContain('/health');
  });

  type Server = ReturnType<INestApplication['getHttpServer']>;
  it.each([
    { name: 'an unknown route', status: 404, code: 'NOT_FOUND', send: (server: Server) => request(server).get('/api/nowhere').set('Authorization', AUTHORIZATION) },
    {
      name: 'malformed JSON',
      status: 400,
      code: 'MALFORMED_JSON',
      send: (server: Server) => request(server).post('/api/contracts').set('Authorization', AUTHORIZATION).set('Content-Type', 'application/json').send('{"contractId": '),
    },
    {
      name: 'a JSON body over the configured limit',
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      send: (server: Server) => request(server).post('/api/contracts').set('Authorization', AUTHORIZATION).set('Content-Type', 'application/json').send(JSON.stringify({ title: 'x'.repeat(2048) })),
    },
  ])('$name answers problem+json $status $code', async ({ send, status, code }) => {
    const response = await send(app.getHttpServer()).expect(status);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    const body = JSON.parse(response.text);
    expect(body).toEqual({ type: expect.stringMatching(/^urn:ledger:problem:/), title: expect.any(String), status, code, detail: expect.any(String) });
    expect(body.detail).not.toMatch(/\.ts:\d+/);
  });
});

describe('the HTTP app when its store fails', () => {
  it('/health answers 503 problem+json UNAVAILABLE', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    const app = await createApp(loadConfig({ NODE_ENV: 'test' }), store);
    await app.init();
    await store.close();
    try {
      const response = await request(app.getHttpServer()).get('/health').expect(503);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.parse(response.text)).toMatchObject({ status: 503, code: 'UNAVAILABLE', detail: expect.stringContaining('pglite event store does not answer') });
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
