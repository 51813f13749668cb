import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, type IResolvers } from '@graphql-tools/utils';
import { isObjectType, type GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';

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
  /**
   * Fields the middleware would only pass through (authz.ts allowedOutright): those without a
   * resolver of their own keep graphql's default one, unwrapped.
   */
  passThrough?: (type: string, field: string) => boolean;
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
  if (!o.middleware?.length) return { schema: subgraph, sdl };
  const guarded = applyMiddleware(subgraph, ...o.middleware);
  if (o.passThrough) unwrapPassThrough(guarded, o.passThrough);
  return { schema: guarded, sdl };
}

/*
 * graphql-middleware wraps every field, so a shield rule of `allow` on a plain property still
 * makes it a promise that graphql-js must await, under type-graphql's own wrapper of each
 * property: 100 entities of 6 such fields were 600 awaited resolvers (BENCHMARKS.md,
 * `_entities`). A field whose rule is `allow` and which type-graphql would only read off the
 * object (no field resolver, middleware, auth roles or arguments, and its own name in the
 * schema) gets graphql's default resolver back: reading that property, which neither the rule
 * nor its error handling could change.
 */
function plainProperties(): Set<string> {
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.methodName}`));
  const out = new Set<string>();
  for (const type of storage.objectTypes) {
    for (const f of type.fields ?? []) {
      if (resolved.has(`${f.target.name}.${f.name}`) || f.middlewares?.length || f.roles || f.params?.length || f.name !== f.schemaName)
        continue;
      out.add(`${type.name}.${f.schemaName}`);
    }
  }
  return out;
}

function unwrapPassThrough(guarded: GraphQLSchema, passThrough: (type: string, field: string) => boolean) {
  const plain = plainProperties();
  for (const [name, type] of Object.entries(guarded.getTypeMap())) {
    if (name.startsWith('__') || !isObjectType(type)) continue;
    for (const [fieldName, field] of Object.entries(type.getFields()))
      if (plain.has(`${name}.${fieldName}`) && passThrough(name, fieldName)) field.resolve = undefined;
  }
}
