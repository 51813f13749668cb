import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { partners } from '@c2c/partners';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { students } from '@c2c/students';
import { emitSchema } from '../../cli/src/compose';

/**
 * The five subgraphs composed in one process (each on its own real database) behind a real
 * Apollo Gateway query planner, so the SQL statements of a federated query can be counted
 * per subgraph. A list query must cost the same number of statements whatever its page size.
 */
class InProcessSource implements GraphQLDataSource<{ viewer: Viewer }> {
  constructor(private readonly sg: testing.TestSubgraph) {}
  async process({ request, context }: Parameters<GraphQLDataSource<{ viewer: Viewer }>['process']>[0]) {
    return this.sg.exec(request.query!, request.variables as Record<string, unknown>, context.viewer) as any;
  }
}

describe('federated queries: SQL statements per query', () => {
  const subgraphs: Record<string, testing.TestSubgraph> = {};
  let server: ApolloServer<{ viewer: Viewer }>;
  // Students and events ask a real partners process for data-sharing agreements (over HTTP, no SQL here).
  let agreements: testing.PartnersProcess;

  beforeAll(async () => {
    agreements = await testing.startPartnersProcess();
    for (const def of [partners, resources, referrals, events, students])
      subgraphs[def.name] = await testing.createTestSubgraph(def, {
        seed: true,
        partners: ['students', 'events'].includes(def.name) ? agreements : undefined,
      });
    const { supergraph } = await emitSchema();
    const gateway = new ApolloGateway({ supergraphSdl: supergraph, buildService: ({ name }) => new InProcessSource(subgraphs[name]) });
    server = new ApolloServer({ gateway });
    await server.start();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    for (const sg of Object.values(subgraphs)) await sg.close();
    await agreements?.stop();
  });

  async function run(query: string, variables: Record<string, unknown>, viewer: Viewer) {
    for (const sg of Object.values(subgraphs)) sg.statements.reset();
    const res = await server.executeOperation({ query, variables }, { contextValue: { viewer } });
    const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
    expect(body?.errors).toBeUndefined();
    const counts = Object.fromEntries(Object.entries(subgraphs).map(([name, sg]) => [name, sg.statements.count]));
    return { data: body!.data as any, counts };
  }

  it('lists organisations with their services and each service’s provider at a constant statement count', async () => {
    const query = `query($n: Int) { organizations(first: $n) { edges { node { name services(first: 3) { totalCount edges { node { name organization { name sector } } } } } } } }`;
    const small = await run(query, { n: 3 }, testing.ANONYMOUS);
    const large = await run(query, { n: 30 }, testing.ANONYMOUS);
    expect(large.data.organizations.edges).toHaveLength(30);
    expect(small.counts).toEqual(large.counts);
    // partners: the page (count + rows) and one batch of provider references; resources: one batch.
    expect(large.counts).toEqual({ partners: 3, resources: 1, referrals: 0, events: 0, students: 0 });
  });

  it('serves a partner’s referral inbox with services, providers and students at a constant statement count', async () => {
    const org = demo.demoUniverse().organizations.find((o) => o.slug === 'parents-as-partners-detroit')!;
    const viewer = testing.viewerFor('partner_staff', org.id);
    const query = `query($org: ID!, $n: Int) { organization(id: $org) { name
      receivedReferrals(first: $n) { edges { node { status service { name organization { name } } student { givenName grade } fromOrganization { name } } } }
      events(first: $n) { edges { node { title } } } } }`;
    const small = await run(query, { org: org.id, n: 2 }, viewer);
    const large = await run(query, { org: org.id, n: 9 }, viewer);
    expect(large.data.organization.receivedReferrals.edges.length).toBeGreaterThan(small.data.organization.receivedReferrals.edges.length);
    expect(small.counts).toEqual(large.counts);
    expect(Object.values(large.counts).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12);
  });
});
