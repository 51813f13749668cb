import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { permissions } from './authz';
import { buildFederatedSchema } from './federation';
import type { MigrationSet } from './orm';

/**
 * Everything that makes one subgraph: its entities and migrations (its own database),
 * its resolvers and reference resolvers, its authorization rules and its demo seed.
 * The kernel turns a definition into a running service, a test harness or emitted SDL.
 */
export interface SubgraphDefinition {
  name: 'partners' | 'resources' | 'referrals' | 'events' | 'students';
  defaultPort: number;
  entities: EntityClass<any>[];
  migrations: MigrationSet;
  /** Absolute path of the folder holding `sqlite/` and `postgresql/` migration folders. */
  migrationsDir: string;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: IResolvers;
  /** graphql-shield rule tree; anything not listed is denied. */
  rules: Record<string, any>;
  /** Loads the demo data set; called only on an empty database. */
  seed?: (em: EntityManager) => Promise<void>;
}

export const SUBGRAPH_NAMES = ['partners', 'resources', 'referrals', 'events', 'students'] as const;
export const DEFAULT_PORTS: Record<SubgraphDefinition['name'], number> = {
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
  });
}
