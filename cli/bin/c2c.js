#!/usr/bin/env node
'use strict';
// Checked before anything loads: on an end-of-life Node the hub's dependencies fail in obscure
// ways (better-sqlite3 builds against the wrong headers, Hive Gateway needs >= 22.15).
const MIN_NODE_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE_MAJOR) {
  console.error(`c2c needs Node.js ${MIN_NODE_MAJOR} or newer (24 LTS recommended); this is Node.js ${process.versions.node}.`);
  process.exit(1);
}
try {
  require.resolve('../dist/index.js');
} catch {
  console.error('c2c is not built yet: run `npm install` (or `npm run build`) at the repository root.');
  process.exit(1);
}
require('../dist/index.js').main(process.argv);
