import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { SUBGRAPH_DEFINITIONS } from '@c2c/demo';
import { isOpenAt } from '../src/local-time.logic';
import { hiddenOrgId } from './demo';

const ID = '8d000000-0000-4000-8000-000000000001';
const SCHEDULE = { weekday: 'FR', opensAt: '22:00', closesAt: '02:00', timezone: 'America/Detroit' };
const record = {
  id: ID,
  organizationId: hiddenOrgId,
  name: 'Friday night teen drop-in',
  description: 'A warm place for teens on Friday nights.',
  free: true,
  imperative: 'AFTERSCHOOL_AND_SUMMER',
  schedules: [SCHEDULE],
};
// December 2026 in Detroit is UTC-5; 4 December is a Friday.
const MOMENTS: [string, string, boolean][] = [
  ['Friday 21:00', '2026-12-05T02:00:00Z', false],
  ['Friday 23:00', '2026-12-05T04:00:00Z', true],
  ['Saturday 01:30, after midnight', '2026-12-05T06:30:00Z', true],
  ['Saturday 02:30, after closing', '2026-12-05T07:30:00Z', false],
  ['Thursday 23:00', '2026-12-04T04:00:00Z', false],
  ['Sunday 01:00 (no Saturday opening)', '2026-12-06T06:00:00Z', false],
];

describe('resources subgraph: hours that run past midnight', () => {
  let directory: testing.TestSubgraph;
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    directory = await testing.createTestSubgraph(SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(resources, { seed: true, peers: { partners: directory } });
    const r = await sg.exec(
      `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created failed records { errors { field message } } } }`,
      { input: [record] },
      testing.viewerFor('cec_admin'),
    );
    expect(r.data!.upsertServices).toMatchObject({ created: 1, failed: 0 });
  });
  afterAll(async () => {
    await sg.close();
    await directory.close();
  });

  it('keeps a closing time before the opening time as the next morning', async () => {
    const r = await sg.exec(`query($id: ID!) { service(id: $id) { schedules { weekday opensAt closesAt timezone } } }`, { id: ID });
    expect(r.data!.service.schedules).toEqual([SCHEDULE]);
  });

  it.each(MOMENTS)('open at %s: search and the in-memory rule agree', async (_label, at, open) => {
    const r = await sg.exec(
      `query($at: DateTimeISO) { searchServices(openAt: $at, organizationId: "${hiddenOrgId}", first: 100) { edges { node { id } } } }`,
      {
        at,
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.searchServices.edges.some((e: any) => e.node.id === ID)).toBe(open);
    expect(isOpenAt([{ ...SCHEDULE, closed: false }], new Date(at))).toBe(open);
  });
});
