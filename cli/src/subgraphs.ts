import type { SubgraphDefinition } from '@c2c/kernel';
import { events } from '@c2c/events';
import { partners } from '@c2c/partners';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { students } from '@c2c/students';

/** Every subgraph of the hub, in start order. The CLI is the one place that knows them all. */
export const SUBGRAPH_DEFINITIONS: SubgraphDefinition[] = [partners, resources, referrals, events, students];

export function definitionNamed(name: string): SubgraphDefinition {
  const def = SUBGRAPH_DEFINITIONS.find((d) => d.name === name);
  if (!def) throw new Error(`Unknown subgraph "${name}" (one of: ${SUBGRAPH_DEFINITIONS.map((d) => d.name).join(', ')})`);
  return def;
}
