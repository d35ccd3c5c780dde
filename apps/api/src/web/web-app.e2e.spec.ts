import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openEventStore } from '@ledger/event-store';
import request from 'supertest';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { serveWebApp } from './web-app';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

@Module({})
class NoRoutesModule {}

async function webAppOn(distDir: string, connectOrigins: string[] = []): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(NoRoutesModule, { logger: false, abortOnError: false });
  serveWebApp(app, { distDir, connectOrigins });
  await app.init();
  return app;
}

describe('serveWebApp (issue 10)', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'ledger-web-dist-'));
  let app: INestApplication;

  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), INDEX);
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("ledger")');
    app = await webAppOn(dist);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each([['/'], ['/contracts/SWK-1/claims'], ['/providers/PRV-1/earnings?x=1']])('GET %s answers index.html with a strict CSP', async (url) => {
    const page = await request(app.getHttpServer()).get(url).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toBe(INDEX);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('with OIDC sign-in the page may also reach the identity provider, and nothing else', async () => {
    const withIdp = await webAppOn(dist, ['https://idp.example']);
    try {
      const page = await request(withIdp.getHttpServer()).get('/sign-in').expect(200);
      expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'; connect-src 'self' https:\/\/idp\.example; img-src/);
      expect((await request(app.getHttpServer()).get('/sign-in')).headers['content-security-policy']).not.toContain('connect-src');
    } finally {
      await withIdp.close();
    }
  });

  it('fingerprinted assets are served as they are, cached for ever; a missing one is 404, not the page', async () => {
    const asset = await request(app.getHttpServer()).get('/assets/index-abc123.js').expect(200);
    expect(asset.text).toBe('console.log("ledger")');
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    await request(app.getHttpServer()).get('/assets/index-gone.js').expect(404);
  });

  it.each([['/api/contracts'], ['/health'], ['/metrics'], ['/docs'], ['/docs-json']])('GET %s is left to the API', async (url) => {
    const response = await request(app.getHttpServer()).get(url).expect(404);
    expect(response.text).not.toContain('<div id="root">');
  });

  it('a POST outside the API is not a page', async () => {
    await request(app.getHttpServer()).post('/contracts').send({}).expect(404);
  });

  it('without a build, a page says how to make one', async () => {
    const unbuilt = await webAppOn(path.join(dist, 'not-built'));
    try {
      const page = await request(unbuilt.getHttpServer()).get('/contracts').expect(200);
      expect(page.text).toContain('npx vite build --config apps/web/vite.config.mts');
    } finally {
      await unbuilt.close();
    }
  });
});

describe('the API with the web app', () => {
  it('/ is a page while /health, /docs-json and unknown API routes answer as the API does', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    const app = await createApp(loadConfig({ NODE_ENV: 'test' }), store);
    await app.init();
    try {
      const server = app.getHttpServer();
      // The real bundle when apps/web/dist is built (npm test builds it first), else the page saying how to.
      expect((await request(server).get('/').expect(200)).text).toMatch(/<div id="root">|npx vite build/);
      await request(server).get('/health').expect(200);
      expect((await request(server).get('/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
      // The API's own answer (401 without a token, else 404), never the page.
      const unknown = await request(server).get('/api/nowhere');
      expect([401, 404]).toContain(unknown.status);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await app.close();
    }
  });
});
