import { openSubgraphDatabase, readEnv, SUBGRAPH_NAMES, type SubgraphName } from '@c2c/kernel';
import { SUBGRAPH_DEFINITIONS as DEFINITIONS } from './definitions';
import { seedIfEmpty } from './seed';

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
