import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { hasRole, type Role } from './auth';
import type { HubContext } from './context';
import { forbidden, unauthenticated } from './errors';

export { allow, deny, and, or, not, rule, chain } from 'graphql-shield';
export type { IRules };

/** Any verified caller, whatever the role. */
export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })((_p, _a, ctx: HubContext) =>
  ctx.viewer.anonymous ? unauthenticated() : true,
);

const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();

/**
 * The caller holds one of `roles`; anonymous callers are told to authenticate, others are
 * forbidden. One instance per role set: graphql-shield refuses two rules of the same name.
 */
export function hasAnyRole(...roles: Role[]) {
  const name = `hasAnyRole:${[...roles].sort().join(',')}`;
  let r = roleRules.get(name);
  if (!r) {
    r = rule(name, { cache: 'contextual' })((_p, _a, ctx: HubContext) => {
      if (hasRole(ctx.viewer, ...roles)) return true;
      return ctx.viewer.anonymous ? unauthenticated() : forbidden(`Requires one of the roles: ${roles.join(', ')}`);
    });
    roleRules.set(name, r);
  }
  return r;
}

/** Every field of the listed types is allowed: for envelope types (connections, edges) whose nodes carry their own rules. */
export function allowAll(...typeNames: string[]): IRules {
  return Object.fromEntries(typeNames.map((t) => [t, allow]));
}

/** A graphql-shield rule tree: type name → a rule for the whole type, or field name → rule. */
export type RuleTree = Record<string, any>;

const isFieldMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Combines the rule trees of a subgraph's entities by type and field. A field (or a whole
 * type) given a rule twice is a mistake that would silently keep only one of them, so it throws.
 */
export function mergeRules(...trees: RuleTree[]): RuleTree {
  const out: RuleTree = {};
  for (const tree of trees) {
    for (const [type, rules] of Object.entries(tree)) {
      const have = out[type];
      if (have === undefined) {
        out[type] = isFieldMap(rules) ? { ...rules } : rules;
        continue;
      }
      if (!isFieldMap(have) || !isFieldMap(rules))
        throw new Error(`mergeRules: ${type} has a rule for the whole type and another rule tree`);
      for (const [field, r] of Object.entries(rules)) {
        if (field in have) throw new Error(`mergeRules: ${type}.${field} has two rules`);
        have[field] = r;
      }
    }
  }
  return out;
}

/**
 * Deny by default. Federation's own fields are allowed here because the subgraph secret,
 * checked before GraphQL runs, is what guards them; row-level checks for entities reached
 * through `_entities` live in the reference resolvers and on the entities' fields.
 */
export function permissions(tree: RuleTree) {
  return shield(mergeRules(tree, { Query: { _service: allow, _entities: allow }, _Service: allow, PageInfo: allow }), {
    fallbackRule: deny,
    fallbackError: () => forbidden('Not allowed'),
    // Resolver errors keep their own code (NOT_FOUND, BAD_USER_INPUT…); formatError masks internals.
    allowExternalErrors: true,
    debug: false,
  });
}

/**
 * Whether the tree's rule for `type.field` is graphql-shield's `allow` (given to the field, or
 * to its whole type), as `permissions` merges it. Such a field needs no middleware when it has no
 * resolver of its own (federation.ts): the rule can neither refuse it nor see an error.
 */
export function allowedOutright(tree: RuleTree): (type: string, field: string) => boolean {
  const merged = mergeRules(tree, { Query: { _service: allow, _entities: allow }, _Service: allow, PageInfo: allow });
  return (type, field) => {
    const rules = merged[type];
    if (rules === undefined) return false;
    if (!isFieldMap(rules)) return rules === allow;
    return (rules[field] ?? rules['*']) === allow;
  };
}

/** The caller is staff of the organisation whose id `orgIdOf` reads from the parent object. */
export function isStaffOf(name: string, orgIdOf: (parent: any) => string | null | undefined) {
  return rule(`isStaffOf:${name}`, { cache: 'no_cache' })((parent, _a, ctx: HubContext) => {
    if (ctx.viewer.anonymous) return unauthenticated();
    const org = orgIdOf(parent);
    return hasRole(ctx.viewer, 'partner_staff') && !!org && ctx.viewer.org === org ? true : forbidden();
  });
}
