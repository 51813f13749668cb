import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, hasRole, MAX_PAGE_SIZE } from '@c2c/kernel';
import type { GatewayContext } from './context';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Estimated objects an operation may touch: list fields multiply by their page size. */
  maxCost: number;
  maxBodyBytes: number;
  /** API clients must name their operations (`C2C_REQUIRE_OPERATION_NAMES`, default on). */
  requireOperationNames: boolean;
}

const num = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * Defaults leave room for the documented cross-subgraph queries (a connection costs two
 * levels, edges and node) and little else: they are the first line against a hostile
 * document, before any subgraph is asked.
 */
export function readOperationLimits(source: NodeJS.ProcessEnv): OperationLimits {
  return {
    maxDepth: num(source.C2C_MAX_DEPTH, 12),
    maxAliases: num(source.C2C_MAX_ALIASES, 15),
    maxDirectives: num(source.C2C_MAX_DIRECTIVES, 5),
    maxTokens: num(source.C2C_MAX_TOKENS, 2000),
    maxCost: num(source.C2C_MAX_COST, 25_000),
    maxBodyBytes: num(source.C2C_MAX_BODY_BYTES, 1_048_576),
    requireOperationNames: source.C2C_REQUIRE_OPERATION_NAMES !== 'false',
  };
}

/** A limit error: a client's fault, so 400 with a public code (never masked). */
export const limitError = (message: string, status = 400) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status } } });

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Cost the way Apollo Router's demand control estimates it: one per field, and a field with a
 * page size (`first`) multiplies what is below it by that size (the default page when absent).
 * Depth and alias limits alone let `organizations(first: 100) { services(first: 100) … }` ask
 * for ten thousand rows; this does not.
 */
export function estimateCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const walk = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const first = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const isPage = !!first || !!sel.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'edges');
        const size = Math.min(Math.max(intValue(first?.value, variables) ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
        cost += 1 + (isPage ? size : 1) * walk(sel.selectionSet, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(sel.selectionSet, seen);
      } else {
        const name = sel.name.value;
        // A fragment spread inside itself is a validation error anyway; never loop on it.
        if (seen.has(name)) continue;
        cost += walk(fragments.get(name)?.selectionSet, new Set([...seen, name]));
      }
    }
    return cost;
  };
  return walk(operation.selectionSet, new Set());
}

const TYPE_EDGES = new Set(['types', 'fields', 'inputFields', 'interfaces', 'possibleTypes']);

/**
 * Whether the document introspects, and whether it does so in a circle (`fields { type {
 * fields { type { … } } } }`): the standard introspection query crosses at most two of these
 * type-to-type edges on any path, so more is an attack even from an operator.
 */
function introspection(document: DocumentNode): { used: boolean; circular: boolean } {
  let used = false;
  let circular = false;
  const visit = (set: SelectionSetNode | undefined, inside: boolean, edges: number) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        const enters = name === '__schema' || name === '__type';
        if (enters) used = true;
        const nextEdges = (inside || enters) && TYPE_EDGES.has(name) ? edges + 1 : edges;
        if (nextEdges > 2) circular = true;
        visit(sel.selectionSet, inside || enters, nextEdges);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, inside, edges);
    }
  };
  for (const def of document.definitions) {
    // Fragments are visited as if inside introspection: a spread may put them there.
    if (def.kind === Kind.OPERATION_DEFINITION) visit(def.selectionSet, false, 0);
    else if (def.kind === Kind.FRAGMENT_DEFINITION) visit(def.selectionSet, def.typeCondition.name.value.startsWith('__'), 0);
  }
  return { used, circular };
}

/**
 * graphql-armor's depth, alias and directive limits, graphql-js's token limit (its cost rule ignores page sizes,
 * so ours replaces it), field suggestions hidden in production, and the checks that need
 * the caller: introspection only in development or for hub operators, and operation names
 * from API clients (they are how an operator tells one client's traffic from another's).
 */
export function operationLimits(
  limits: OperationLimits,
  production: boolean,
): { plugins: ApolloServerPlugin<GatewayContext>[]; validationRules: ValidationRule[]; parseOptions: { maxTokens: number } } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true, flattenFragments: true },
    // `__typename` counts too: GraphQL Cop's alias-overloading probe is a hundred of them.
    maxAliases: { n: limits.maxAliases, exposeLimits: true, allowList: [] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    // graphql-js counts tokens while parsing (`parseOptions.maxTokens`) and answers 400;
    // armor's token plugin throws from a hook, which Apollo turns into a 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const guard: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          const viewer = contextValue.viewer;
          if (!operation) return;
          const intro = introspection(document);
          if (intro.used && production && !hasRole(viewer, 'cec_admin')) throw limitError('Introspection is disabled');
          if (intro.circular) throw limitError('Introspection query is too deep');
          if (limits.requireOperationNames && hasRole(viewer, 'embed') && !operation.name) {
            throw limitError('API clients must name their operations (query Name { … })');
          }
          const cost = estimateCost(document, operation, request.variables ?? {});
          if (cost > limits.maxCost) throw limitError(`Query is too expensive: estimated cost ${cost} exceeds ${limits.maxCost}`);
        },
      };
    },
  };
  return {
    plugins: [...(armor.plugins as ApolloServerPlugin<GatewayContext>[]), guard],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** How many directives (`@name`) a document uses, by its tokens: `@` inside a string is not one. */
export function countDirectives(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  // A lexing error is left to the parser, which reports it properly.
  try {
    for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) if (t.kind === TokenKind.AT) n++;
  } catch {
    return n;
  }
  return n;
}

/**
 * Directive overloading is refused before validation, with one error: validation would report
 * every unknown directive separately (GraphQL Cop's probe counts them), costing work per directive.
 */
export function refuseDirectiveOverload(maxDirectives: number): RequestHandler {
  return (req, res, next) => {
    const query = typeof req.body?.query === 'string' ? req.body.query : typeof req.query?.query === 'string' ? req.query.query : undefined;
    const found = query === undefined ? 0 : countDirectives(query);
    if (found <= maxDirectives) return next();
    res.status(400).json({
      errors: [
        { message: `Directives limit of ${maxDirectives} exceeded, found ${found}`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    });
  };
}
