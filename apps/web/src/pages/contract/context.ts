import type { ApiClient } from '../../lib/api-client';
import type { ContractView } from '../../lib/contract-view';
import type { Session } from '../../lib/session';
import type { RecordedContractEvent } from '../../lib/types';

/** What every tab of a contract page is given. */
export interface ContractTabProps {
  api: ApiClient;
  session: Session;
  view: ContractView;
  events: RecordedContractEvent[];
  /** The moment the page shows, when an auditor (or anyone) looks back; writes are off while it is set. */
  asOf: string | undefined;
  /** Whether the caller may act on the contract now: a party of it, looking at the present. */
  canAct: boolean;
  /** The path of this contract's pages, e.g. `/api/contracts/SWK-1`. */
  apiPath: string;
  /** After a successful command: say what happened and read the contract again. */
  done(message: string): void;
}
