import type { Actor } from '@ledger/kernel';
import type { ContractCommand, ContractCommandType } from './commands';

export interface CommandRoute {
  type: ContractCommandType;
  /** Path ids: contractId (absent for a draft), placementId, claimId, variationId, period. */
  params: Record<string, string>;
}

const ROUTES: [string, string, ContractCommandType][] = [
  ['POST', '/api/contracts', 'DraftContract'],
  ['PUT', '/api/contracts/:contractId/terms', 'AmendTerms'],
  ['POST', '/api/contracts/:contractId/signatures', 'SignContract'],
  ['POST', '/api/contracts/:contractId/variations', 'ProposeVariation'],
  ['POST', '/api/contracts/:contractId/variations/:variationId/acceptance', 'AcceptVariation'],
  ['POST', '/api/contracts/:contractId/variations/:variationId/decline', 'DeclineVariation'],
  ['POST', '/api/contracts/:contractId/placements', 'StartPlacement'],
  ['POST', '/api/contracts/:contractId/placements/:placementId/changes', 'ChangePlacement'],
  ['POST', '/api/contracts/:contractId/placements/:placementId/end', 'EndPlacement'],
  ['POST', '/api/contracts/:contractId/placements/:placementId/correction', 'CorrectPlacementDates'],
  ['POST', '/api/contracts/:contractId/measurements', 'RecordMeasurement'],
  ['POST', '/api/contracts/:contractId/claims', 'ClaimOutcome'],
  ['POST', '/api/contracts/:contractId/claims/:claimId/verification', 'VerifyClaim'],
  ['POST', '/api/contracts/:contractId/claims/:claimId/rejection', 'RejectClaim'],
  ['POST', '/api/contracts/:contractId/claims/:claimId/reversal', 'ReverseClaim'],
  ['POST', '/api/contracts/:contractId/payments', 'RecordPayment'],
  ['POST', '/api/contracts/:contractId/periods/:period/close', 'ClosePeriod'],
  ['POST', '/api/contracts/:contractId/termination', 'TerminateContract'],
];

/** Spec section 9: which command a write route is, and the ids its path carries. */
export function commandRoute(method: string, path: string): CommandRoute | undefined {
  const segments = path.split('?')[0].split('/').filter(Boolean);
  for (const [routeMethod, pattern, type] of ROUTES) {
    const parts = pattern.split('/').filter(Boolean);
    if (routeMethod !== method.toUpperCase() || parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segments[index]);
        return true;
      }
      return part === segments[index];
    });
    if (matches) return { type, params };
  }
  return undefined;
}

/**
 * The command of a validated request (`validateCommandBody` found nothing): the body, the path's ids and the caller.
 * A draft's contract id is in its body.
 */
export function commandFromRequest(route: CommandRoute, body: Record<string, unknown>, actor: Actor): ContractCommand {
  const contractId = route.type === 'DraftContract' ? String(body['contractId']) : route.params['contractId'];
  const { contractId: _pathContractId, ...pathIds } = route.params;
  return { ...body, ...pathIds, type: route.type, contractId, actor } as ContractCommand;
}

/** `commandRoute` read backwards: the method and path of a command type with its path ids filled in. */
export function commandPath(type: ContractCommandType, params: Readonly<Record<string, string>>): { method: string; path: string } {
  const route = ROUTES.find(([, , routeType]) => routeType === type);
  if (!route) throw new Error(`no route for ${type}`);
  const path = route[1].replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name]));
  return { method: route[0], path };
}

const PATH_IDS: Partial<Record<ContractCommandType, string>> = {
  AcceptVariation: 'variationId',
  DeclineVariation: 'variationId',
  ChangePlacement: 'placementId',
  EndPlacement: 'placementId',
  CorrectPlacementDates: 'placementId',
  VerifyClaim: 'claimId',
  RejectClaim: 'claimId',
  ReverseClaim: 'claimId',
  ClosePeriod: 'period',
};

/** The inverse of `commandFromRequest`: the body and path ids a command was sent with. */
export function requestOf(command: ContractCommand): { body: Record<string, unknown>; params: Record<string, string> } {
  const { type, contractId, actor: _actor, ...rest } = command;
  const body: Record<string, unknown> = type === 'DraftContract' ? { contractId, ...rest } : rest;
  const params: Record<string, string> = type === 'DraftContract' ? {} : { contractId };
  const pathId = PATH_IDS[type];
  if (pathId) {
    params[pathId] = String(body[pathId]);
    delete body[pathId];
  }
  return { body, params };
}
