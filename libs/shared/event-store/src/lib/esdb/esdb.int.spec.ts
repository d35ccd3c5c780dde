import { describeEventStoreContract } from '../../testing/event-store-contract';
import { openEsdbEventStore, type EsdbEventStore } from './esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in';

/** The store under test over real gRPC; stopping the store also stops the stand-in it was served by. */
async function onStandIn(options: Parameters<typeof startEsdbStandIn>[0] = {}): Promise<EsdbEventStore> {
  const standIn: EsdbStandIn = await startEsdbStandIn(options);
  const store = openEsdbEventStore(standIn.connectionString);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await standIn.stop();
  };
  return store;
}

describeEventStoreContract('EventStoreDB adapter on the in-process stand-in (batch append)', () => onStandIn());
describeEventStoreContract('EventStoreDB adapter on the in-process stand-in (append, positions past 2^53)', () =>
  onStandIn({ batchAppend: false, firstLogPosition: 2n ** 60n }),
);

const connectionString = process.env['ESDB_CONNECTION_STRING'];
if (connectionString) describeEventStoreContract(`EventStoreDB adapter on ${connectionString}`, async () => openEsdbEventStore(connectionString));
