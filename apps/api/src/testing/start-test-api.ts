import { openEventStore, type EventStore } from '@ledger/event-store';
import { TEST_API_ENV, testApiOn, type TestApi } from '@ledger/testing';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';

/** The API as `npm start` builds it, not listening, on the test's store (default: in-memory PGlite). */
export async function startTestApi(options: { store?: EventStore; env?: Record<string, string> } = {}): Promise<TestApi & { store: EventStore }> {
  const store = options.store ?? (await openEventStore({ kind: 'pglite' }));
  const app = await createApp(loadConfig({ ...TEST_API_ENV, ...options.env }), store);
  await app.init();
  return { ...testApiOn(app), store };
}
