import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, type IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';

/** The Federation 2 link every subgraph declares; composition reads its imports. */
export const FEDERATION_LINK = `extend schema
  @link(
    url: "https://specs.apollo.dev/federation/v2.7"
    import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"]
  )`;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: IResolvers;
  /** graphql-shield middleware (or any graphql-middleware) applied after federation is added. */
  middleware?: Parameters<typeof applyMiddleware>[1][];
}

function mergeResolvers(a: Record<string, any>, b: Record<string, any> = {}) {
  const out: Record<string, any> = { ...a };
  for (const [type, fields] of Object.entries(b)) out[type] = { ...(out[type] ?? {}), ...fields };
  return out;
}

/**
 * Turns a type-graphql schema into a Federation 2 subgraph: type-graphql prints the SDL
 * with its `@key`/`@shareable` directives, @apollo/subgraph adds `_service`/`_entities`,
 * and the resolvers (plus `__resolveReference`s) are carried over. `sdl` is what the
 * subgraph reports through `_service { sdl }`: what composition consumes.
 */
export async function buildFederatedSchema(o: FederatedSchemaOptions): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const schema = await buildSchema({
    resolvers: o.resolvers,
    orphanedTypes: o.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  const subgraph = buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: mergeResolvers(createResolversMap(schema) as Record<string, any>, o.referenceResolvers) as any,
  });
  const sdl = printSubgraphSchema(subgraph);
  return { schema: o.middleware?.length ? applyMiddleware(subgraph, ...o.middleware) : subgraph, sdl };
}
