import fc from 'fast-check';
import type { ContractStreamEvent } from '@ledger/contracts-domain';
import type { Actor } from '@ledger/kernel';
import { requestForEvent } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';
import { buildExampleContract, CONTRACT, examples, STREAM } from './example-contract';

/** Every code of spec section 7: a refusal answers one of these and nothing else. */
const SECTION_7_CODES = new Set([
  'VALIDATION', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UNAUTHENTICATED', 'FORBIDDEN',
  'CONTRACT_NOT_FOUND', 'PLACEMENT_NOT_FOUND', 'CLAIM_NOT_FOUND', 'VARIATION_NOT_FOUND', 'OUTCOME_NOT_FOUND', 'NOT_FOUND',
  'CONTRACT_EXISTS', 'PLACEMENT_EXISTS', 'CLAIM_EXISTS', 'PAYMENT_EXISTS', 'MEASUREMENT_EXISTS', 'VARIATION_EXISTS', 'IDEMPOTENCY_KEY_REUSED',
  'CONCURRENCY',
  'NOT_DRAFT', 'NOT_AGREED', 'ALREADY_SIGNED', 'CONTRACT_TERMINATED', 'OUTSIDE_TERM', 'INVALID_DATES', 'UNKNOWN_OUTCOME', 'PLACEMENT_ENDED',
  'CHILD_ALREADY_PLACED', 'DUPLICATE_OUTCOME', 'PREREQUISITE_NOT_MET', 'IMPROVEMENT_NOT_MET', 'CLAIM_WINDOW_EXPIRED', 'ACHIEVED_OUTSIDE_PLACEMENT',
  'CLAIM_NOT_PENDING', 'CLAIM_NOT_VERIFIED', 'PERIOD_ALREADY_CLOSED', 'PERIOD_NOT_ENDED', 'PERIOD_OUT_OF_ORDER', 'VARIATION_NOT_PENDING', 'SAME_PARTY',
]);
const RUNS_PER_ROUTE = 25;
const SEED = 20240401;

interface CommandRoute {
  type: string;
  method: string;
  /** The path with `{name}` where each fuzzed parameter goes. */
  template: string;
  params: Record<string, string>;
  body: Record<string, unknown>;
  actor: Actor;
}

/** One valid request per command type of the examples, aimed at example 01's contract, as its rightful actor. */
function commandRoutes(): CommandRoute[] {
  const byType = new Map<string, CommandRoute>();
  for (const example of examples) {
    for (const event of example.events as ContractStreamEvent[]) {
      if (byType.has(event.type)) continue;
      const sent = requestForEvent(event, CONTRACT);
      if (!sent) continue;
      const params: Record<string, string> = {};
      let template = sent.path.replace(`/api/contracts/${CONTRACT}`, () => ((params['contractId'] = CONTRACT), '/api/contracts/{contractId}'));
      template = template.replace(/\/(placements|claims|variations|periods)\/([^/]+)/, (_all, kind: string, value: string) => {
        params[kind] = decodeURIComponent(value);
        return `/${kind}/{${kind}}`;
      });
      byType.set(event.type, { type: event.type, method: sent.method, template, params, body: sent.body, actor: event.metadata.actor });
    }
  }
  return [...byType.values()];
}

function pathOf(route: { template: string }, params: Record<string, string>): string {
  return route.template.replace(/\{(\w+)\}/g, (_all, name: string) => encodeURIComponent(params[name]));
}

/** A body near a valid one (a field replaced, dropped or added) or any JSON at all. */
function bodies(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const value = fc.oneof(fc.jsonValue(), fc.constantFrom(null, '', -1, 0, 1.5, 1e13, '2024-02-30', '9999-99-99', 'x'.repeat(2001), [], {}));
  const added = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), value).map(([key, extra]) => ({ ...valid, [key]: extra }));
  // Bodies of decisions without fields (close, verify, accept) have nothing to replace or drop.
  if (keys.length === 0) return fc.oneof(added, fc.jsonValue());
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), value).map(([key, replaced]) => ({ ...valid, [key]: replaced })),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== key))),
    added,
    fc.jsonValue(),
  );
}

/** Path parameters: printable text, unicode, ids just too long, dots and slashes. */
const pathParameter = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }),
  fc.constantFrom('..', '%', '2024-13', '0000-00', ' ', 'A'.repeat(501), "'; DROP TABLE events; --", '../../etc/passwd', 'null'),
);

/** A member's path in a body (`terms.fees[0].pricePence`, as both validators name it) and its valid value. */
interface Leaf {
  path: string;
  /** The top-level member it belongs to: the field a refusal must name at least. */
  member: string;
  value: unknown;
}

/** Every member of a body, containers and leaves, nested ones included. */
function leavesOf(value: unknown, path = '', member = ''): Leaf[] {
  const here = path ? [{ path, member, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => leavesOf(item, `${path}[${index}]`, member))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => leavesOf(item, path ? `${path}.${key}` : key, member || key))];
  }
  return here;
}

/** Well-formed JSON that no command accepts in place of `valid`: another type, an impossible date, a fraction, out of range. */
function wrongValue(valid: unknown, path: string): fc.Arbitrary<unknown> {
  const others = fc.constantFrom<unknown>(null, true, [1], { x: 1 });
  if (typeof valid === 'string') {
    return fc.oneof(others, fc.integer(), fc.constantFrom('', 'x'.repeat(2001), ...(/^\d{4}-\d\d-\d\d$/.test(valid) ? ['2024-02-30', '2024-13-01', valid.replace(/-/g, '/')] : [])));
  }
  if (typeof valid === 'number') {
    return fc.oneof(others, fc.constantFrom(String(valid), valid + 0.5, ...(/Pence$/.test(path) ? [0, -1, 1_000_000_000_001] : [])));
  }
  if (typeof valid === 'boolean') return fc.oneof(others.filter((value) => value !== true), fc.constantFrom('true', 1));
  if (Array.isArray(valid)) return fc.constantFrom<unknown>(null, 'x', 1, { x: 1 });
  return fc.constantFrom<unknown>(null, 'x', 1, [1]);
}

/** The single wrong thing a body can carry: one member of another type or out of range, or one unknown member. */
function malformed(route: { type: string; body: Record<string, unknown> }): fc.Arbitrary<{ body: unknown; field: string; exact: boolean }> {
  const unknown = fc
    .stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/)
    .filter((key) => !(key in route.body))
    .map((key) => ({ body: { ...route.body, [key]: 'x' }, field: key, exact: true }));
  const leaves = leavesOf(route.body);
  if (leaves.length === 0) return unknown;
  const replaced = fc
    .constantFrom(...leaves)
    .chain((leaf) => wrongValue(leaf.value, leaf.path).map((value) => ({ leaf, value })))
    // A correction's endDate may be null: it opens the placement again (spec section 3).
    .filter(({ leaf, value }) => !(route.type === 'PlacementDatesCorrected' && leaf.path === 'endDate' && value === null))
    .map(({ leaf, value }) => ({ body: replaceAt(route.body, leaf.path, value), field: leaf.member === leaf.path ? leaf.path : leaf.member, exact: leaf.member === leaf.path }));
  return fc.oneof(replaced, unknown);
}

function replaceAt(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const steps = path.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  let holder = copy as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) holder = holder[step] as Record<string, unknown>;
  holder[steps[steps.length - 1]] = value;
  return copy;
}

/** Path ids no route accepts: a character outside letters, digits, dots, dashes and underscores, a bad first character, 65 characters. */
const invalidId = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), fc.constantFrom(' ', '!', '$', '@', '~', '+', ',', ';', '=', '(', "'", 'é', '%'), fc.stringMatching(/^[A-Za-z0-9]{0,4}$/))
    .map(([head, bad, tail]) => head + bad + tail),
  fc.constantFrom('-X1', '.X1', '_X1', 'A'.repeat(65)),
);
/** The route parameter each path segment of the templates carries, as a refusal names it. */
const PARAMETER_FIELDS: Record<string, string> = { placements: 'placementId', claims: 'claimId', variations: 'variationId', periods: 'period' };
const invalidPeriod = fc.constantFrom('2024-13', '2024-00', '2024-1', '24-01', '2024_01', '2024-01-01', 'May 2024');

describe('fuzzing every command body and path parameter: never a 5xx, a section 7 code, nothing appended on a refusal', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  const routes = commandRoutes();

  beforeAll(async () => {
    api = await startTestApi();
    await buildExampleContract(api);
  });
  afterAll(() => api?.close());

  async function sendAndCheck(method: string, path: string, actor: Actor, payload: { body?: unknown; raw?: string }): Promise<void> {
    const before = await api.store.streamRevision(STREAM);
    const options = payload.raw === undefined ? { actor, body: payload.body } : { actor, raw: payload.raw };
    // supertest sends a JSON body only for objects; a bare value goes as its JSON text.
    const response = payload.raw === undefined && (typeof payload.body !== 'object' || payload.body === null)
      ? await api.send(method, path, { actor, raw: JSON.stringify(payload.body) })
      : await api.send(method, path, options);
    expect(response.status).toBeLessThan(500);
    if (response.status < 400) return;
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.text) as { code: string; status: number };
    expect(SECTION_7_CODES).toContain(problem.code);
    expect(problem.status).toBe(response.status);
    expect(await api.store.streamRevision(STREAM)).toBe(before);
  }

  it('has a route for every command type of the examples', () => {
    expect(routes.length).toBeGreaterThanOrEqual(17);
  });

  it.each(routes.map((route) => [route.type, route] as const))('%s: fuzzed bodies', async (_type, route) => {
    await fc.assert(
      fc.asyncProperty(bodies(route.body), (body) => sendAndCheck(route.method, pathOf(route, route.params), route.actor, { body })),
      { numRuns: RUNS_PER_ROUTE, seed: SEED },
    );
  });

  it.each(routes.filter((route) => Object.keys(route.params).length > 0).map((route) => [route.type, route] as const))(
    '%s: fuzzed path parameters',
    async (_type, route) => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(route.params)), pathParameter, async (name, value) => {
          fc.pre(value !== route.params[name]);
          await sendAndCheck(route.method, pathOf(route, { ...route.params, [name]: value }), route.actor, { body: route.body });
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED },
      );
    },
  );

  async function expectValidation(method: string, path: string, actor: Actor, body: unknown, field: string, exact: boolean): Promise<void> {
    const before = await api.store.streamRevision(STREAM);
    const response = await api.send(method, path, { actor, body });
    const problem = JSON.parse(response.text) as { code?: string; errors?: { field: string }[] };
    const named = (problem.errors ?? []).map((error) => error.field);
    expect({ status: response.status, code: problem.code }).toEqual({ status: 400, code: 'VALIDATION' });
    expect(named.some((name) => (exact ? name === field : name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`)))).toBe(true);
    expect(await api.store.streamRevision(STREAM)).toBe(before);
  }

  // Without body validation these bodies reach the deciders, which append (201) or refuse with a rule's code.
  it.each(routes.map((route) => [route.type, route] as const))('%s: a body with one member of a wrong type or out of range, or one unknown member, is 400 VALIDATION naming it, appending nothing', async (_type, route) => {
    await fc.assert(
      fc.asyncProperty(malformed(route), ({ body, field, exact }) => expectValidation(route.method, pathOf(route, route.params), route.actor, body, field, exact)),
      { numRuns: RUNS_PER_ROUTE, seed: SEED },
    );
  });

  it.each(routes.filter((route) => Object.keys(route.params).length > 0).map((route) => [route.type, route] as const))(
    '%s: a path id or period that is not one is 400 VALIDATION naming it, appending nothing',
    async (_type, route) => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.keys(route.params)).chain((name) => (name === 'periods' ? invalidPeriod : invalidId).map((value) => ({ name, value }))),
          ({ name, value }) => expectValidation(route.method, pathOf(route, { ...route.params, [name]: value }), route.actor, route.body, PARAMETER_FIELDS[name] ?? name, true),
        ),
        { numRuns: RUNS_PER_ROUTE, seed: SEED },
      );
    },
  );

  it('raw bodies that are not JSON, or barely, answer 400 and append nothing', async () => {
    const placement = routes.find((route) => route.type === 'PlacementStarted');
    if (!placement) throw new Error('no placement route');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '{"a":', '[1,', '\u0000', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}')), (raw) =>
        sendAndCheck(placement.method, pathOf(placement, placement.params), placement.actor, { raw }),
      ),
      { numRuns: 60, seed: SEED },
    );
  });

  it.each([
    ['GET /api/contracts/{contractId}', '/api/contracts/{p}'],
    ['GET /api/contracts/{contractId}/events', '/api/contracts/{p}/events'],
    ['GET /api/contracts/{contractId}/statements/{period}', `/api/contracts/${CONTRACT}/statements/{p}`],
    ['GET /api/audit/contracts/{contractId}/verify', '/api/audit/contracts/{p}/verify'],
    ['GET /api/providers/{providerId}/earnings', '/api/providers/{p}/earnings'],
    ['GET /api/contracts/{contractId}/events?from=&limit=&asOf=', `/api/contracts/${CONTRACT}/events?from={p}&limit={p}&asOf={p}`],
    ['GET /api/contracts?limit=&cursor=', '/api/contracts?limit={p}&cursor={p}'],
  ])('%s: fuzzed parameters of a read', async (_name, template) => {
    const auditor: Actor = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
    await fc.assert(
      fc.asyncProperty(pathParameter, async (value) => {
        const response = await api.send('GET', template.replace(/\{p\}/g, encodeURIComponent(value)), { actor: auditor });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(SECTION_7_CODES).toContain((JSON.parse(response.text) as { code: string }).code);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED },
    );
  });
});
