import { isRejection } from '@ledger/kernel';
import { validateDefinition } from './definition';
import {
  type Catalogue,
  catalogueFromEvents,
  catalogueFromPublications,
  decideFramework,
  EMPTY_CATALOGUE,
  evolveCatalogue,
  type FrameworkCommand,
  type FrameworkEvent,
  outcomeKinds,
  type PublishDefinition,
  validatePublishBody,
} from './framework';

const JOB: PublishDefinition = { type: 'PublishDefinition', code: 'CL-JOB', name: 'Enters employment', category: 'hard', definition: { kind: 'attainment' }, indicativePricePence: 66000 };

function given(commands: FrameworkCommand[]): Catalogue {
  return commands.reduce((catalogue, command) => {
    const events = decideFramework(command, catalogue);
    if (isRejection(events)) throw new Error(events.code);
    return events.reduce(evolveCatalogue, catalogue);
  }, EMPTY_CATALOGUE);
}

describe('the outcome-framework stream (spec section 2)', () => {
  it.each<[string, FrameworkCommand[], FrameworkCommand, FrameworkEvent[] | string]>([
    ['publishing a new code is its version 1', [], JOB, [{ type: 'OutcomeDefinitionPublished', data: { ...withoutType(JOB), version: 1 } }]],
    ['publishing a code again with the same content changes nothing', [JOB], JOB, []],
    [
      'publishing a code again with other content is its next version',
      [JOB],
      { ...JOB, name: 'Enters paid employment' },
      [{ type: 'OutcomeDefinitionPublished', data: { ...withoutType(JOB), name: 'Enters paid employment', version: 2 } }],
    ],
    ['retiring an unknown code is OUTCOME_NOT_FOUND', [], { type: 'RetireDefinition', code: 'XX', reason: 'r' }, 'OUTCOME_NOT_FOUND'],
    ['retiring a published code', [JOB], { type: 'RetireDefinition', code: 'CL-JOB', reason: 'r' }, [{ type: 'OutcomeDefinitionRetired', data: { code: 'CL-JOB', reason: 'r' } }]],
    ['retiring a retired code changes nothing', [JOB, { type: 'RetireDefinition', code: 'CL-JOB', reason: 'r' }], { type: 'RetireDefinition', code: 'CL-JOB', reason: 'again' }, []],
    [
      'publishing a retired code with its old content brings it back as a new version',
      [JOB, { type: 'RetireDefinition', code: 'CL-JOB', reason: 'r' }],
      JOB,
      [{ type: 'OutcomeDefinitionPublished', data: { ...withoutType(JOB), version: 2 } }],
    ],
  ])('%s', (_name, before, command, then) => {
    const decision = decideFramework(command, given(before));
    expect(isRejection(decision) ? decision.code : decision).toEqual(then);
  });

  it('contracts may name published codes; history may also name retired ones', () => {
    const catalogue = given([JOB, { ...JOB, code: 'SDQ', definition: { kind: 'improvement', instrument: 'SDQ', direction: 'lower', minImprovement: 4 } }, { type: 'RetireDefinition', code: 'CL-JOB', reason: 'r' }]);
    expect([...outcomeKinds(catalogue)]).toEqual([['SDQ', 'improvement']]);
    expect([...outcomeKinds(catalogue, { includeRetired: true })]).toEqual([
      ['CL-JOB', 'attainment'],
      ['SDQ', 'improvement'],
    ]);
  });
});

function withoutType({ type: _type, ...rest }: PublishDefinition) {
  return rest;
}

describe('the shape of a definition', () => {
  it.each<[string, unknown, string[]]>([
    ['an attainment with its options', { kind: 'attainment', maxPerChild: 5, requires: 'CL-JOB', minDaysAfterRequired: 28, claimWindowDays: 60 }, []],
    ['an improvement needs instrument, direction and minImprovement > 0', { kind: 'improvement', instrument: 'SDQ', direction: 'up', minImprovement: 0 }, ['d.direction', 'd.minImprovement']],
    ['a duration needs unitDays > 0', { kind: 'duration', unitDays: 0, placementTypes: [] }, ['d.unitDays', 'd.placementTypes']],
    ['an unknown kind', { kind: 'vibes' }, ['d.kind']],
    ['a member of another kind', { kind: 'attainment', unitDays: 7 }, ['d.unitDays']],
    ['null in an optional member', { kind: 'attainment', requires: null }, ['d.requires']],
  ])('%s', (_name, definition, fields) => {
    expect(validateDefinition(definition, 'd').map((error) => error.field)).toEqual(fields);
  });

  it('checks a publication body: exact members, pence range, no null', () => {
    expect(validatePublishBody(withoutType(JOB))).toEqual([]);
    expect(validatePublishBody({ ...withoutType(JOB), indicativePricePence: 0.5, source: null, extra: 1 }).map((e) => e.field).sort()).toEqual([
      'extra',
      'indicativePricePence',
      'source',
    ]);
  });
});

describe('building a catalogue', () => {
  it('from publications in order, and from the events they appended', () => {
    const built = catalogueFromPublications([withoutType(JOB), { ...withoutType(JOB), name: 'v2' }]);
    if (!('entries' in built)) throw new Error('refused');
    expect(built.entries['CL-JOB'].latest).toMatchObject({ version: 2, name: 'v2' });
    expect(catalogueFromEvents([{ type: 'OutcomeDefinitionPublished', data: { ...withoutType(JOB), version: 1 } }]).entries['CL-JOB'].retired).toBe(false);
  });
});
