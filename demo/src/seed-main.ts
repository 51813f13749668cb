import { openSubgraphDatabase, readEnv, SUBGRAPH_NAMES, type SubgraphDefinition, type SubgraphName } from '@c2c/kernel';
import { events } from '@c2c/events';
import { partners } from '@c2c/partners';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { students } from '@c2c/students';
import { seedIfEmpty } from './seed';

const DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = { partners, resources, referrals, events, students };

/**
 * `node demo/dist/seed-main.js <subgraph>`: prepares that subgraph's database (the one its
 * service will open, from the same environment) with the demo data, before the service starts.
 * A separate step so that the services themselves carry no demo code.
 */
async function main(name: string | undefined) {
  if (!name || !(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
    console.error(`usage: seed-main <${SUBGRAPH_NAMES.join('|')}>`);
    process.exit(64);
  }
  const def = DEFINITIONS[name as SubgraphName];
  const orm = await openSubgraphDatabase(def, readEnv());
  try {
    const seeded = await seedIfEmpty(def, orm);
    console.log(JSON.stringify({ subgraph: name, seeded }));
  } finally {
    await orm.close(true);
  }
}

main(process.argv[2]).catch((err) => {
  console.error(`demo seed of ${process.argv[2]} failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
