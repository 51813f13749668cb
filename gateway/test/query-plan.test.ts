import fs from 'node:fs';
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';

/**
 * The query plans Apollo Gateway builds from the committed supergraph, as the federation
 * gateway's own tests assert them: which subgraphs a query calls, how many fetches, in what
 * order. A change to the schema or the planner that adds a round trip fails here.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const supergraph = Supergraph.build(fs.readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
const planner = new QueryPlanner(supergraph);

/** The plan's root node for a query (a subscription's plan has another shape). */
function plan(query: string): PlanNode | undefined {
  const p: QueryPlan = planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query)));
  if (p.node?.kind === 'Subscription') throw new Error('a subscription plan');
  return p.node;
}

/** A plan node as a compact tree: `Fetch(subgraph)`, `Flatten(path) > …`, and `{ Sequence | Parallel: [...] }`. */
type Shape = string | { Sequence: Shape[] } | { Parallel: Shape[] };
function shape(node: PlanNode | undefined): Shape {
  if (!node) return 'Empty';
  switch (node.kind) {
    case 'Fetch':
      return `Fetch(${node.serviceName})`;
    case 'Flatten':
      return `Flatten(${node.path.join('.')}) > ${shape(node.node)}`;
    case 'Sequence':
      return { Sequence: node.nodes.map(shape) };
    case 'Parallel':
      return { Parallel: node.nodes.map(shape) };
    default:
      return node.kind;
  }
}

/** Every fetch of the plan, in plan order. */
function fetches(node: PlanNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'Fetch') return [node.serviceName];
  if (node.kind === 'Flatten') return fetches(node.node);
  if (node.kind === 'Sequence' || node.kind === 'Parallel') return node.nodes.flatMap(fetches);
  throw new Error(`unexpected plan node ${node.kind}`);
}

/** The most fetches that must wait one for another: the round trips a client waits for. */
function rounds(node: PlanNode | undefined): number {
  if (!node) return 0;
  if (node.kind === 'Fetch') return 1;
  if (node.kind === 'Flatten') return rounds(node.node);
  if (node.kind === 'Sequence') return node.nodes.reduce((n, c) => n + rounds(c), 0);
  if (node.kind === 'Parallel') return Math.max(0, ...node.nodes.map(rounds));
  throw new Error(`unexpected plan node ${node.kind}`);
}

/** Copied from README.md, "Getting a token". */
const INBOX = `query Inbox($org: ID!) {
  organization(id: $org) {
    name
    receivedReferrals(first: 20) {
      totalCount
      edges { node { status reason createdAt
        fromOrganization { name }
        service { name organization { name } }
        student { givenName familyName grade }
        history { toStatus changedAt note } } }
    }
    events(first: 5) { edges { node { title date engagementLevel attendees } } }
  }
}`;

const REFERRAL = 'organization.receivedReferrals.edges.@.node';

describe('query plans on the committed supergraph', () => {
  it('README still documents this Inbox query', () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('```graphql\n' + INBOX + '\n```');
  });

  it('the Inbox query: seven fetches from all five subgraphs, at most four one after another', () => {
    const p = plan(INBOX);
    expect(shape(p)).toEqual({
      Sequence: [
        'Fetch(partners)',
        {
          Parallel: [
            'Flatten(organization) > Fetch(events)',
            {
              Sequence: [
                'Flatten(organization) > Fetch(referrals)',
                {
                  Parallel: [
                    `Flatten(${REFERRAL}.fromOrganization) > Fetch(partners)`,
                    {
                      Sequence: [
                        `Flatten(${REFERRAL}.service) > Fetch(resources)`,
                        `Flatten(${REFERRAL}.service.organization) > Fetch(partners)`,
                      ],
                    },
                    `Flatten(${REFERRAL}.student) > Fetch(students)`,
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const all = fetches(p);
    expect(all).toHaveLength(7);
    expect(all).toEqual(['partners', 'events', 'referrals', 'partners', 'resources', 'partners', 'students']);
    expect([...new Set(all)].sort()).toEqual(['events', 'partners', 'referrals', 'resources', 'students']);
    // partners → referrals → resources → partners (for the service's organisation's name).
    expect(rounds(p)).toBe(4);
  });

  it('a query of one subgraph’s fields is a single fetch to it', () => {
    const p = plan('{ organization(id: "x") { id name } }');
    expect(shape(p)).toEqual('Fetch(partners)');
    expect(fetches(p)).toEqual(['partners']);
    expect(rounds(p)).toBe(1);
  });
});
