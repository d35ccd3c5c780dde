import type { EventStore } from '@ledger/event-store';
import { seedDemo } from '@ledger/demo';
import { parseInstant } from '@ledger/kernel';
import type { AppConfig } from '../config/app-config';
import { StartupError } from '../startup-error';

/**
 * Issue 10: outside production, an embedded store without contracts gets the demo partnership at start, so a new
 * user sees a living ledger at once. `SEED_DEMO=false` turns it off; `LEDGER_DEMO_NOW` (an ISO-8601 instant,
 * never read in production) pins the seed's "today" for browser tests and screenshots.
 */
export async function seedDemoAtStart(store: EventStore, config: AppConfig, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  if (config.nodeEnv === 'production' || config.store.kind !== 'pglite') return;
  const wanted = env['SEED_DEMO'] ?? '';
  if (!['', 'true', 'false'].includes(wanted)) throw new StartupError(`Invalid configuration: SEED_DEMO must be true or false (got ${JSON.stringify(wanted)})`);
  if (wanted === 'false') return;
  const pinned = env['LEDGER_DEMO_NOW'] ?? '';
  if (pinned !== '' && parseInstant(pinned) === undefined) {
    throw new StartupError(`Invalid configuration: LEDGER_DEMO_NOW must be an ISO-8601 instant (got ${JSON.stringify(pinned)})`);
  }
  const result = await seedDemo(store, { now: pinned === '' ? new Date().toISOString() : pinned });
  if (result.seeded) {
    log(`Seeded the demo partnership (${result.contracts.join(', ')}: ${result.events} events); SEED_DEMO=false turns this off`);
  }
}
