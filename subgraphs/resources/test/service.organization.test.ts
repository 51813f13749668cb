import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { SUBGRAPH_DEFINITIONS } from '@c2c/demo';
import { Service } from '../src/service.entity';
import { hiddenOrgId } from './demo';

const NO_SUCH_ORG = '00000000-0000-4000-8000-00000000dead';
const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id organization { id } } }`;
const UPSERT = `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created failed records { outcome errors { code field message } } } }`;
const create = (organizationId: string) => ({
  organizationId,
  name: 'Evening ESL',
  description: 'English classes for parents.',
  imperative: 'BASIC_NEEDS',
  free: true,
});
const upsert = (id: string, organizationId: string) => ({
  id,
  organizationId,
  name: 'Evening ESL',
  description: 'English for parents.',
  free: true,
  imperative: 'BASIC_NEEDS',
});
const admin = testing.viewerFor('cec_admin');

describe('resources subgraph: a service only for an organisation partners knows', () => {
  let directory: testing.TestSubgraph;
  let sg: testing.TestSubgraph;
  let down: testing.TestSubgraph;
  let asked: number;
  beforeAll(async () => {
    directory = await testing.createTestSubgraph(SUBGRAPH_DEFINITIONS.partners, { seed: true });
    // Counts what resources asks of partners.
    const counting = { ...directory, exec: (...a: Parameters<testing.TestSubgraph['exec']>) => (asked++, directory.exec(...a)) };
    sg = await testing.createTestSubgraph(resources, { seed: true, peers: { partners: counting } });
    down = await testing.createTestSubgraph(resources, { seed: true, peers: { partners: 'down' } });
  });
  afterAll(async () => {
    await sg.close();
    await down.close();
    await directory.close();
  });
  const count = (on: testing.TestSubgraph) => on.em().count(Service, {});

  it('refuses createService for an unknown organisation with BAD_USER_INPUT naming it, writing nothing', async () => {
    const before = await count(sg);
    const r = await sg.exec(CREATE, { input: create(NO_SUCH_ORG) }, admin);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationId' });
    expect(r.data?.createService ?? null).toBeNull();
    expect(await count(sg)).toBe(before);
    const ok = await sg.exec(CREATE, { input: create(hiddenOrgId) }, admin);
    expect(ok.data!.createService.organization).toEqual({ id: hiddenOrgId });
  });

  it('refuses upserted records of unknown organisations one by one, asking partners once per batch', async () => {
    asked = 0;
    const r = await sg.exec(
      UPSERT,
      {
        input: [
          upsert('7c000000-0000-4000-8000-000000000001', NO_SUCH_ORG),
          upsert('7c000000-0000-4000-8000-000000000002', hiddenOrgId),
          upsert('7c000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-00000000beef'),
        ],
      },
      admin,
    );
    expect(asked).toBe(1);
    expect(r.data!.upsertServices).toMatchObject({ created: 1, failed: 2 });
    expect(r.data!.upsertServices.records.map((x: any) => [x.outcome, x.errors[0]?.field ?? null])).toEqual([
      ['FAILED', 'organizationId'],
      ['CREATED', null],
      ['FAILED', 'organizationId'],
    ]);
  });

  it('does not ask for partner staff writing their own organisation’s services', async () => {
    asked = 0;
    const r = await sg.exec(CREATE, { input: create(hiddenOrgId) }, testing.viewerFor('partner_staff', hiddenOrgId));
    expect(r.errors).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('fails closed when partners cannot be asked: nothing is written', async () => {
    const before = await count(down);
    const r = await down.exec(CREATE, { input: create(hiddenOrgId) }, admin);
    expect(r.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const u = await down.exec(UPSERT, { input: [upsert('7c000000-0000-4000-8000-000000000009', hiddenOrgId)] }, admin);
    expect(u.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await count(down)).toBe(before);
  });
});
