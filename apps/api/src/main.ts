import type { INestApplicationContext } from '@nestjs/common';
import { StoreBusyError, type EventStore } from '@ledger/event-store';
import { ConfigError, describeStore, loadConfig, type AppConfig } from './config/app-config';
import { createApp, createWorker } from './create-app';
import { seedDemoAtStart } from './demo/seed-at-start';
import { listenWorkerHealth } from './health/worker-health';
import { StartupError } from './startup-error';
import { openConfiguredStore } from './store/open-store';

export interface ServeOptions {
  /** Run the background work only, without the HTTP server. */
  worker?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** Reads the configuration, opens the store, serves until SIGINT or SIGTERM, then closes the store. */
export async function serve(options: ServeOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const config = readConfig(options.env ?? process.env);
  const store = await openStore(config);
  // Listening before saying so: whoever reads the start-up line may signal at once. A signal during start-up
  // closes the app as soon as it has started.
  const signalled = untilSignalled();
  const where = describeStore(config.store);
  await startOrClose(store, () => seedDemoAtStart(store, config, options.env ?? process.env, log));

  let app: INestApplicationContext;
  let stopHealth: (() => Promise<void>) | undefined;
  if (options.worker) {
    const worker = await startOrClose(store, () => createWorker(config, store));
    try {
      const health = await listenWorkerHealth(worker, config.port);
      stopHealth = health.close;
      log(`Ledger worker running (store: ${where}); it runs the projections (read models); GET /health on port ${health.port}`);
    } catch (error) {
      await worker.close();
      throw listenError(error, config.port);
    }
    app = worker;
  } else {
    const http = await startOrClose(store, () => createApp(config, store));
    try {
      await http.listen(config.port);
    } catch (error) {
      await http.close();
      throw listenError(error, config.port);
    }
    const address = http.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    log(`Ledger API listening on http://localhost:${port} (store: ${where})`);
    app = http;
  }
  await signalled;
  log('Shutting down: closing the store');
  await stopHealth?.();
  await app.close();
}

function listenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EADDRINUSE' || code === 'EACCES' ? new StartupError(`Cannot listen on port ${port} (${code}): set PORT to a free port`) : error;
}

function readConfig(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    throw error instanceof ConfigError ? new StartupError(error.message) : error;
  }
}

async function openStore(config: AppConfig): Promise<EventStore> {
  try {
    return await openConfiguredStore(config.store);
  } catch (error) {
    if (error instanceof StoreBusyError) {
      throw new StartupError(`Cannot start: ${error.message}; or set DATA_DIR to another folder`);
    }
    throw error;
  }
}

async function startOrClose<T>(store: EventStore, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await store.close();
    throw error;
  }
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
