import type { IsoDate } from '@ledger/kernel';
import type { ContractEvent, PlacementType, Ssda903Details } from '@ledger/contracts-model';

/** A placement as the contract stream holds it, which is what an import compares a return against. */
export interface ExistingPlacement {
  placementId: string;
  childRef: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  reasonCode?: string;
  /** The type given at the start. */
  placementType: PlacementType;
  /** Sorted by `changedOn`, one per day (on one day the later change wins). */
  changes: { changedOn: IsoDate; placementType: PlacementType }[];
  /** Present on placements an SSDA903 import recorded: only those does a later import touch. */
  ssda903?: Ssda903Details;
}

/** Folds a contract's placement events (other events are passed over) into the placements as they now stand. */
export function placementsFromEvents(events: Iterable<ContractEvent>): ExistingPlacement[] {
  const byId = new Map<string, ExistingPlacement>();
  for (const event of events) {
    switch (event.type) {
      case 'PlacementStarted': {
        const { placementId, childRef, startDate, placementType, endDate, reasonCode, ssda903 } = event.data;
        byId.set(placementId, {
          placementId,
          childRef,
          startDate,
          endDate: endDate ?? null,
          ...(reasonCode !== undefined ? { reasonCode } : {}),
          placementType,
          changes: [],
          ...(ssda903 ? { ssda903 } : {}),
        });
        break;
      }
      case 'PlacementChanged': {
        const placement = byId.get(event.data.placementId);
        if (!placement) break;
        const { changedOn, placementType } = event.data;
        placement.changes = [...placement.changes.filter((change) => change.changedOn !== changedOn), { changedOn, placementType }].sort((a, b) =>
          a.changedOn < b.changedOn ? -1 : a.changedOn > b.changedOn ? 1 : 0,
        );
        break;
      }
      case 'PlacementEnded': {
        const placement = byId.get(event.data.placementId);
        if (!placement) break;
        placement.endDate = event.data.endDate;
        placement.reasonCode = event.data.reasonCode;
        break;
      }
      case 'PlacementDatesCorrected': {
        const placement = byId.get(event.data.placementId);
        if (!placement) break;
        placement.startDate = event.data.startDate;
        placement.endDate = event.data.endDate;
        if (event.data.endDate === null) delete placement.reasonCode;
        break;
      }
      default:
        break;
    }
  }
  return [...byId.values()];
}
