import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { SubgraphDefinition, SubgraphName } from '@c2c/kernel';
import { seedEvents } from './seeds/events';
import { seedPartners } from './seeds/partners';
import { seedReferrals } from './seeds/referrals';
import { seedResources } from './seeds/resources';
import { seedStudents } from './seeds/students';

/** Each subgraph's slice of the demo data set, written with that subgraph's own entities. */
export const DEMO_SEEDS: Record<SubgraphName, (em: EntityManager) => Promise<void>> = {
  partners: seedPartners,
  resources: seedResources,
  referrals: seedReferrals,
  events: seedEvents,
  students: seedStudents,
};

/**
 * Loads the subgraph's slice into its database if that database is empty (its first entity's
 * table has no row), so a restart never duplicates or overwrites what users changed.
 */
export async function seedIfEmpty(def: SubgraphDefinition, orm: MikroORM): Promise<boolean> {
  const em = orm.em.fork() as EntityManager;
  if ((await em.count(def.entities[0], {})) > 0) return false;
  await DEMO_SEEDS[def.name](em);
  return true;
}
