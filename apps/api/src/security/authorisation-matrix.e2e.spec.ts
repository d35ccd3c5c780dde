import type { ContractStreamEvent } from '@ledger/contracts-domain';
import type { Actor } from '@ledger/kernel';
import { bearerToken, requestForEvent } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';
import { buildExampleContract, CONTRACT, drafted, examples, target } from './example-contract';

/**
 * Issue 9: every route of section 9 that exists, for every kind of caller, answers what sections 4 and 8 say.
 * The expectations are written out here, not derived from the code under test.
 */
type CallerName =
  | 'its commissioner'
  | 'another commissioner'
  | 'its provider'
  | 'another provider'
  | 'auditor'
  | 'admin'
  | 'no token'
  | 'expired token'
  | 'bad signature';

const ACTORS: Record<string, Actor> = {
  'its commissioner': { sub: 'jane.okafor@southwark.gov.uk', role: 'commissioner', org: drafted.commissionerId },
  'another commissioner': { sub: 'sam@lambeth.gov.uk', role: 'commissioner', org: 'LA-LAMBETH' },
  'its provider': { sub: 'amy@brightfutures.org.uk', role: 'provider', org: drafted.providerId },
  'another provider': { sub: 'lee@othercare.org.uk', role: 'provider', org: 'PRV-OTHERCARE' },
  auditor: { sub: 'auditor@nao', role: 'auditor', org: 'NAO' },
  admin: { sub: 'admin@ledger', role: 'admin', org: 'LEDGER' },
};
const CALLERS: CallerName[] = ['its commissioner', 'another commissioner', 'its provider', 'another provider', 'auditor', 'admin', 'no token', 'expired token', 'bad signature'];

function authorization(caller: CallerName): Record<string, string> {
  const actor = ACTORS['its commissioner'];
  if (caller === 'no token') return {};
  if (caller === 'expired token') return { Authorization: `Bearer ${bearerToken(actor, { expiresIn: -60 })}` };
  if (caller === 'bad signature') return { Authorization: `Bearer ${bearerToken(actor, { secret: 'another-secret-of-at-least-thirty-two-chars' })}` };
  return { Authorization: `Bearer ${bearerToken(ACTORS[caller])}` };
}

/** Allowed: past authentication and authorisation (any later answer of the rules, never a 5xx). */
type Expected = 'allowed' | 401 | 403 | 404;
const UNAUTHENTICATED: Partial<Record<CallerName, Expected>> = { 'no token': 401, 'expired token': 401, 'bad signature': 401 };

/** Section 8 for a contract command: its acting parties pass, the other party 403, auditors 403, anyone else the contract's 404. */
function command(acting: readonly ('commissioner' | 'provider')[]): Record<CallerName, Expected> {
  return {
    'its commissioner': acting.includes('commissioner') ? 'allowed' : 403,
    'its provider': acting.includes('provider') ? 'allowed' : 403,
    'another commissioner': 404,
    'another provider': 404,
    auditor: 403,
    admin: 404,
    ...UNAUTHENTICATED,
  } as Record<CallerName, Expected>;
}
const COMMISSIONER_ONLY = command(['commissioner']);

/** Which party acts on each command of section 9 (sign: the party it names). */
const ACTING: Record<string, readonly ('commissioner' | 'provider')[]> = {
  PlacementStarted: ['commissioner'],
  PlacementChanged: ['commissioner'],
  PlacementEnded: ['commissioner'],
  PlacementDatesCorrected: ['commissioner'],
  MeasurementRecorded: ['commissioner', 'provider'],
  OutcomeClaimed: ['provider'],
  OutcomeVerified: ['commissioner'],
  OutcomeRejected: ['commissioner'],
  OutcomeReversed: ['commissioner'],
  PaymentRecorded: ['commissioner'],
  PeriodClosed: ['commissioner'],
  ContractTerminated: ['commissioner'],
  VariationProposed: ['commissioner', 'provider'],
  VariationAccepted: ['commissioner', 'provider'],
  VariationDeclined: ['commissioner', 'provider'],
};

interface Route {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  expected: Record<CallerName, Expected>;
  /** The status an allowed caller gets, when the route answers it without rules on the contract's state. */
  allowedStatus?: number;
}

function commandRoutes(): Route[] {
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const example of examples) {
    for (const event of example.events as ContractStreamEvent[]) {
      const key = event.type === 'ContractSigned' ? `${event.type}:${(event.data as { party: string }).party}` : event.type;
      if (seen.has(key)) continue;
      const sent = requestForEvent(event, CONTRACT);
      if (!sent) continue;
      seen.add(key);
      const acting = event.type === 'ContractSigned' ? [(event.data as { party: 'commissioner' | 'provider' }).party] : ACTING[event.type];
      if (event.type === 'ContractDrafted') continue;
      if (!acting) throw new Error(`no acting party written for ${event.type}`);
      routes.push({ name: `${sent.method} ${sent.path.replace(CONTRACT, '{id}')} (${key})`, ...sent, expected: command(acting) });
    }
  }
  return routes;
}

const READ_CONTRACT: Record<CallerName, Expected> = {
  'its commissioner': 'allowed',
  'its provider': 'allowed',
  auditor: 'allowed',
  'another commissioner': 404,
  'another provider': 404,
  admin: 404,
  ...UNAUTHENTICATED,
} as Record<CallerName, Expected>;
const SIGNED_IN: Record<CallerName, Expected> = {
  'its commissioner': 'allowed',
  'its provider': 'allowed',
  auditor: 'allowed',
  'another commissioner': 'allowed',
  'another provider': 'allowed',
  admin: 'allowed',
  ...UNAUTHENTICATED,
} as Record<CallerName, Expected>;
const ADMIN_ONLY: Record<CallerName, Expected> = {
  'its commissioner': 403,
  'its provider': 403,
  auditor: 403,
  'another commissioner': 403,
  'another provider': 403,
  admin: 'allowed',
  ...UNAUTHENTICATED,
} as Record<CallerName, Expected>;

const ROUTES: Route[] = [
  {
    name: 'POST /api/contracts (draft, for its commissioner\'s organisation)',
    ...(requestForEvent(target.events[0], CONTRACT) as { method: string; path: string; body: unknown }),
    expected: { ...COMMISSIONER_ONLY, 'its provider': 403, 'another commissioner': 403, 'another provider': 403, admin: 403, auditor: 403 },
  },
  { name: 'PUT /api/contracts/{id}/terms', method: 'PUT', path: `/api/contracts/${CONTRACT}/terms`, body: { terms: drafted.terms }, expected: COMMISSIONER_ONLY },
  ...commandRoutes(),
  { name: 'GET /api/contracts/{id}', method: 'GET', path: `/api/contracts/${CONTRACT}`, expected: READ_CONTRACT, allowedStatus: 200 },
  { name: 'GET /api/contracts/{id}/events', method: 'GET', path: `/api/contracts/${CONTRACT}/events`, expected: READ_CONTRACT, allowedStatus: 200 },
  { name: 'GET /api/contracts/{id}/statements', method: 'GET', path: `/api/contracts/${CONTRACT}/statements`, expected: READ_CONTRACT, allowedStatus: 200 },
  { name: 'GET /api/contracts/{id}/statements/{period}', method: 'GET', path: `/api/contracts/${CONTRACT}/statements/2024-04`, expected: READ_CONTRACT, allowedStatus: 200 },
  { name: 'GET /api/audit/contracts/{id}/verify', method: 'GET', path: `/api/audit/contracts/${CONTRACT}/verify`, expected: READ_CONTRACT, allowedStatus: 200 },
  { name: 'GET /api/contracts (scoped list)', method: 'GET', path: '/api/contracts?limit=1000', expected: SIGNED_IN, allowedStatus: 200 },
  {
    name: 'GET /api/providers/{id}/earnings',
    method: 'GET',
    path: `/api/providers/${drafted.providerId}/earnings`,
    expected: { ...ADMIN_ONLY, admin: 403, 'its provider': 'allowed', auditor: 'allowed' },
    allowedStatus: 200,
  },
  {
    name: 'GET /api/partnerships/{commissionerId}/{providerId}/history',
    method: 'GET',
    path: `/api/partnerships/${drafted.commissionerId}/${drafted.providerId}/history`,
    expected: { ...ADMIN_ONLY, admin: 403, 'its commissioner': 'allowed', 'its provider': 'allowed', auditor: 'allowed' },
    allowedStatus: 200,
  },
  { name: 'GET /api/benchmarks/outcomes', method: 'GET', path: '/api/benchmarks/outcomes', expected: SIGNED_IN, allowedStatus: 200 },
  { name: 'GET /api/outcome-framework', method: 'GET', path: '/api/outcome-framework', expected: SIGNED_IN, allowedStatus: 200 },
  {
    name: 'POST /api/outcome-framework/definitions',
    method: 'POST',
    path: '/api/outcome-framework/definitions',
    body: { code: 'SEC-MATRIX-1', name: 'Matrix probe', category: 'soft', definition: { kind: 'attainment' } },
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /api/outcome-framework/definitions/{code}/retirement',
    method: 'POST',
    path: '/api/outcome-framework/definitions/SEC-MATRIX-1/retirement',
    body: { reason: 'matrix probe' },
    expected: ADMIN_ONLY,
  },
];

const ONE_OF_404 = ['CONTRACT_NOT_FOUND', 'NOT_FOUND'];

describe('the authorisation matrix: every route x every caller (sections 4 and 8)', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;

  beforeAll(async () => {
    api = await startTestApi();
    await buildExampleContract(api);
  });
  afterAll(() => api?.close());

  it('covers every command route of section 9 (but the multipart import, in the SSDA903 specs)', () => {
    const paths = new Set(ROUTES.map((route) => `${route.method} ${route.path.replace(CONTRACT, '{id}').replace(/\/(placements|claims|variations)\/[^/]+/, '/$1/{x}').replace(/\d{4}-\d\d/, '{period}')}`));
    for (const route of [
      'POST /api/contracts',
      'PUT /api/contracts/{id}/terms',
      'POST /api/contracts/{id}/signatures',
      'POST /api/contracts/{id}/variations',
      'POST /api/contracts/{id}/variations/{x}/acceptance',
      'POST /api/contracts/{id}/variations/{x}/decline',
      'POST /api/contracts/{id}/placements',
      'POST /api/contracts/{id}/placements/{x}/changes',
      'POST /api/contracts/{id}/placements/{x}/end',
      'POST /api/contracts/{id}/placements/{x}/correction',
      'POST /api/contracts/{id}/measurements',
      'POST /api/contracts/{id}/claims',
      'POST /api/contracts/{id}/claims/{x}/verification',
      'POST /api/contracts/{id}/claims/{x}/rejection',
      'POST /api/contracts/{id}/claims/{x}/reversal',
      'POST /api/contracts/{id}/payments',
      'POST /api/contracts/{id}/periods/{period}/close',
      'POST /api/contracts/{id}/termination',
    ]) {
      expect(paths).toContain(route);
    }
  });

  // The wrong callers first: an allowed command may change the contract's state, never who may act on it.
  const cases = ROUTES.flatMap((route) =>
    [...CALLERS].sort((a, b) => Number(route.expected[a] === 'allowed') - Number(route.expected[b] === 'allowed')).map((caller) => [route.name, caller, route] as const),
  );

  it.each(cases)('%s as %s', async (_name, caller, route) => {
    const before = await api.store.streamRevision(`contract-${CONTRACT}`);
    const response = await api.send(route.method, route.path, { headers: authorization(caller), ...(route.body === undefined ? {} : { body: route.body }) });
    const code = response.status >= 400 ? (JSON.parse(response.text) as { code: string }).code : undefined;
    const expected = route.expected[caller];
    expect(response.status).toBeLessThan(500);
    if (expected === 'allowed') {
      expect([401, 403]).not.toContain(response.status);
      expect(code).not.toBe('CONTRACT_NOT_FOUND');
      if (route.allowedStatus !== undefined) expect(response.status).toBe(route.allowedStatus);
      return;
    }
    expect(response.status).toBe(expected);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(code).toEqual(expected === 401 ? 'UNAUTHENTICATED' : expected === 403 ? 'FORBIDDEN' : expect.stringMatching(new RegExp(`^(${ONE_OF_404.join('|')})$`)));
    if (expected === 404 && route.path.includes(CONTRACT)) expect(code).toBe('CONTRACT_NOT_FOUND');
    // A refusal tells nothing of the contract: no revision (Express's own weak ETag of the body aside), no parties.
    expect(response.headers['etag']).not.toMatch(/^"\d+"$/);
    expect(response.text).not.toContain(drafted.providerId);
    expect(await api.store.streamRevision(`contract-${CONTRACT}`)).toBe(before);
  });

  it.each([
    ['its commissioner', true],
    ['its provider', true],
    ['auditor', true],
    ['another commissioner', false],
    ['another provider', false],
    ['admin', false],
  ] as const)('the contract list shows the contract to %s: %s', async (caller, shown) => {
    const response = await api.send('GET', '/api/contracts?limit=1000', { headers: authorization(caller) });
    expect(response.status).toBe(200);
    const ids = (response.body.items as { contractId: string }[]).map((item) => item.contractId);
    expect(ids.includes(CONTRACT)).toBe(shown);
  });
});
