import { createServer, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { HealthController } from './health.controller';

/**
 * `ledger serve --worker` has no HTTP API, yet compose and Kubernetes probe every ledger process on `/health` at
 * PORT: the worker answers that one route (the same body as the API's), and 404 to anything else.
 */
export async function listenWorkerHealth(app: INestApplicationContext, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const controller = app.get(HealthController);
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/health') {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, code: 'NOT_FOUND', title: 'The worker serves GET /health only' }));
      return;
    }
    controller.health().then(
      (health) => response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(health)),
      (error: unknown) =>
        response
          .writeHead(503, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' })
          .end(JSON.stringify({ status: 503, code: 'UNAVAILABLE', title: 'Service unavailable', detail: error instanceof Error ? error.message : String(error) })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
