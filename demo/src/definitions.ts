import type { SubgraphDefinition, SubgraphName } from '@c2c/kernel';
import { events } from '@c2c/events';
import { partners } from '@c2c/partners';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { students } from '@c2c/students';

/**
 * Every subgraph's definition, by name: for the seeding step, and for a subgraph's tests that
 * need another subgraph as a real peer in process (a subgraph never imports another itself).
 */
export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = { partners, resources, referrals, events, students };
