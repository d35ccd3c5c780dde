import { isRejection } from '@ledger/kernel';
import { decideFramework } from '@ledger/outcome-framework-domain';
import { frameworkKinds, loadCatalogue, loadExamples, loadRejectionCases, type RejectionCase } from '../test/fixtures';
import { decide } from './decide';
import { type ErrorCode, httpStatusOf } from './errors';
import { nowOf } from './history';
import { commandFromRequest, commandRoute } from './routes';
import { foldContract, INITIAL_STATE } from './state';
import { validateCommandBody, validatePathParams } from './validate-body';

/**
 * Codes only the HTTP layer can give (spec section 4's precedence puts them around the domain's): no token,
 * a body that is not JSON, a stale If-Match. The API's tests replay those cases; here they are only counted.
 */
const HTTP_ONLY_CODES: readonly string[] = ['UNAUTHENTICATED', 'MALFORMED_JSON', 'CONCURRENCY', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'IDEMPOTENCY_KEY_REUSED'];

function isHttpOnly(c: RejectionCase): boolean {
  return c.command.actor === null || c.command.raw !== undefined || HTTP_ONLY_CODES.includes(c.expect.code);
}

const catalogue = loadCatalogue();
const framework = frameworkKinds(catalogue);
const examples = new Map(loadExamples().map((example) => [example.name, example.events]));
const cases = loadRejectionCases();

/** What the domain answers to a case: the code of the first rule it breaks, or 'ACCEPTED'. */
function domainAnswer(c: RejectionCase): string {
  const { method, path, actor, now, body } = c.command;
  const retirement = /^\/api\/outcome-framework\/definitions\/([^/]+)\/retirement$/.exec(path);
  if (retirement) {
    // A retirement body is read only over HTTP, by its DTO (apps/api's rejections spec replays every case there).
    const decision = decideFramework({ type: 'RetireDefinition', code: retirement[1], reason: (body as { reason: string }).reason }, catalogue);
    return isRejection(decision) ? decision.code : 'ACCEPTED';
  }
  const route = commandRoute(method, path);
  if (!route || !actor || !now) throw new Error(`not a contract command: ${method} ${path}`);
  if ([...validatePathParams(route.params), ...validateCommandBody(route.type, body)].length > 0) return 'VALIDATION';
  const command = commandFromRequest(route, body as Record<string, unknown>, actor);
  const stream = examples.get(c.example)?.slice(0, c.after) ?? [];
  const first = stream[0];
  const state = first?.type === 'ContractDrafted' && first.data.contractId === command.contractId ? foldContract(stream) : INITIAL_STATE;
  const clock = nowOf(now);
  if (!clock) throw new Error(`bad now ${now}`);
  const decision = decide(command, state, clock, { framework });
  return isRejection(decision) ? decision.code : 'ACCEPTED';
}

describe('rejections/cases.ndjson: every command the rules refuse, on a prefix of its example', () => {
  it('holds 100 cases, of which these are for the HTTP layer only (401, MALFORMED_JSON, 412)', () => {
    expect(cases).toHaveLength(100);
    expect(cases.filter(isHttpOnly).map((c) => c.expect.code).sort()).toEqual([
      'CONCURRENCY',
      'CONCURRENCY',
      'MALFORMED_JSON',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
  });

  it.each(cases.filter((c) => !isHttpOnly(c)).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(domainAnswer(c)).toBe(c.expect.code);
    expect(httpStatusOf(c.expect.code as ErrorCode)).toBe(c.expect.status);
  });
});
