import path from 'node:path';
/**
 * The demo collaborative: one deterministic data set that every subgraph's slice is cut from,
 * and the seeds that write each slice. Development and tests only: production code never
 * imports this package (lint enforces it).
 */
export * from './dataset';
export * from './directory';
export { DEMO_SEEDS, seedIfEmpty } from './seed';
export { SUBGRAPH_DEFINITIONS } from './definitions';

/**
 * The compiled seeding entry point, run once per subgraph before its service starts. Resolved
 * from the package folder so it is the built file even when this module runs from source (jest).
 */
export const SEED_SCRIPT = path.resolve(__dirname, '..', 'dist', 'seed-main.js');
