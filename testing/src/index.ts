/**
 * Test support: subgraphs on real databases in-process, the process launcher that runs the
 * whole hub over real HTTP (also behind `c2c start`), free ports and HTTP helpers. Production
 * code never imports this package (lint enforces it).
 */
export * from './database';
export * from './http';
export * from './hub';
export * from './ports';
export * from './seed';
export * from './subgraph';
export * from './test-hub';
