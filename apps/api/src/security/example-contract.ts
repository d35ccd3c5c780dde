import { loadExampleFolders, publishExampleFramework, requestForEvent, type ExampleFolder, type TestApi } from '@ledger/testing';

/**
 * The contract the security specs probe: example 01's, built through the API by its own parties, so each spec
 * starts from a contract whose every event a real command appended.
 */
export const examples = loadExampleFolders();
const found = examples.find((example) => example.name.startsWith('01-'));
if (!found) throw new Error('example 01 is missing');
export const target: ExampleFolder = found;
export const drafted = target.events[0].data as { contractId: string; commissionerId: string; providerId: string; terms: unknown };
export const CONTRACT = drafted.contractId;
export const STREAM = `contract-${CONTRACT}`;

/** Publishes the examples' framework and replays example 01's commands, each as its recorded actor at its recorded time. */
export async function buildExampleContract(api: TestApi): Promise<void> {
  await publishExampleFramework(api);
  for (const event of target.events) {
    const sent = requestForEvent(event, CONTRACT);
    if (!sent) continue;
    const response = await api.send(sent.method, sent.path, { actor: event.metadata.actor, now: event.metadata.recordedAt, body: sent.body });
    if (response.status >= 300) throw new Error(`replaying revision ${event.revision}: ${response.status} ${response.text}`);
  }
}
