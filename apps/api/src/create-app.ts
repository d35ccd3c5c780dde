import type { INestApplication, INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TokenVerifier } from '@ledger/auth';
import { MAX_EPISODES_BYTES } from '@ledger/contracts-feature';
import type { EventStore } from '@ledger/event-store';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { markMalformedJson } from './http/problem.filter';
import { authenticateFirst } from './security/authenticate-first';
import { rateLimit } from './security/rate-limit';
import { requestLog, writeToStdout } from './security/request-log';
import { securityHeaders } from './security/security-headers';
import { serveWebApp } from './web/web-app';

const LOG_LEVELS: LogLevel[] = ['error', 'warn'];

/** The HTTP application, configured but not listening: `serve` listens, tests drive it with supertest. */
export async function createApp(config: AppConfig, store: EventStore): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, store), {
    // Our own JSON parser below carries the configured limit; Nest's default would parse first with its own.
    bodyParser: false,
    // Without this, a throw during start-up makes Nest call process.abort().
    abortOnError: false,
    // Keep-alive connections must not hold a shutdown open.
    forceCloseConnections: true,
    logger: LOG_LEVELS,
  });
  // Order is spec section 4's precedence: 401 before 413 (the body parser), 413 before 429, 429 before 400.
  app.use(securityHeaders(config.nodeEnv === 'production'));
  if (config.requestLog) app.use(requestLog(writeToStdout));
  // Up to the largest body a route takes (an SSDA903 upload, with room for its multipart envelope).
  app.use(authenticateFirst(app.get(TokenVerifier), Math.max(config.jsonBodyLimitBytes, MAX_EPISODES_BYTES + 64 * 1024)));
  app.useBodyParser('json', { limit: config.jsonBodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.use(markMalformedJson);
  if (config.rateLimitPerMinute > 0) {
    const limit = rateLimit(config.rateLimitPerMinute);
    app.use(limit.counted);
    app.use(limit.countedOnError);
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Partnership ledger')
      .setDescription('Contracts, placements, outcomes and payments between commissioners and care providers, as an event-sourced ledger.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  serveWebApp(app, { connectOrigins: config.oidc === undefined ? [] : [new URL(config.oidc.issuer).origin] });
  return app;
}

/** Background work without HTTP (`ledger serve --worker`). */
export function createWorker(config: AppConfig, store: EventStore): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot(config, store), { abortOnError: false, logger: LOG_LEVELS });
}
