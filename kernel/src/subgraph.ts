import type { EntityClass, MikroORM } from '@mikro-orm/core';
import type { Logger } from './logger';
import type { IResolvers } from '@graphql-tools/utils';
import type { EntityManager } from '@mikro-orm/knex';
import type { GraphQLSchema } from 'graphql';
import type { Viewer } from './auth';
import type { NonEmptyArray } from 'type-graphql';
import { allowedOutright, permissions, type RuleTree } from './authz';
import { buildFederatedSchema } from './federation';
import type { MigrationSet } from './orm';
import type { BoundIdentity } from './identity';

/**
 * Everything that makes one subgraph: its entities and migrations (its own database),
 * its resolvers and reference resolvers, and its authorization rules. The kernel turns a
 * definition into a running service or emitted SDL; @c2c/testing into a test subgraph.
 */
export interface SubgraphDefinition {
  name: SubgraphName;
  /** The first entity is the one whose empty table means an empty database. */
  entities: EntityClass<any>[];
  migrations: MigrationSet;
  /** Absolute path of the folder holding `sqlite/` and `postgresql/` migration folders. */
  migrationsDir: string;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: IResolvers;
  /** graphql-shield rule tree (see `mergeRules`); anything not listed is denied. */
  rules: RuleTree;
  /**
   * The staff directory's own answer to "is this partner-role token bound to an active staff
   * record of its organisation, and which" (partners only). Every other subgraph asks partners instead
   * (kernel/src/identity.ts).
   */
  bindIdentity?: (em: EntityManager, viewer: Viewer) => Promise<BoundIdentity | null>;
  /** Other subgraphs this one asks for facts over HTTP (kernel/src/peers.ts), at `C2C_<NAME>_URL`. */
  peers?: SubgraphName[];
  /**
   * Identical queries in flight share one execution here (kernel/src/request-sharing.ts). For a
   * subgraph whose fetches the gateway never shares itself (students, gateway/src/coalesce.ts);
   * elsewhere the gateway already has, and the turn of the event loop a request then waits costs
   * throughput for nothing (BENCHMARKS.md, the students sharing section).
   */
  shareIdenticalRequests?: boolean;
  /**
   * Work the running process does on its own (a periodic sweep): started by `startSubgraph`
   * once the database is open, never by the test harness; returns how to stop it.
   */
  background?: (orm: MikroORM, log: Logger) => (() => void) | void;
}

export const SUBGRAPH_NAMES = ['partners', 'resources', 'referrals', 'events', 'students'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  partners: 4001,
  resources: 4002,
  referrals: 4003,
  events: 4004,
  students: 4005,
};

export async function buildSubgraph(def: SubgraphDefinition): Promise<{ schema: GraphQLSchema; sdl: string }> {
  return buildFederatedSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    referenceResolvers: def.referenceResolvers,
    middleware: [permissions(def.rules)],
    // Off restores the middleware on every field (before/after measurements; a suspected bug).
    passThrough: process.env.C2C_SHIELD_PASS_THROUGH === 'off' ? undefined : allowedOutright(def.rules),
  });
}
