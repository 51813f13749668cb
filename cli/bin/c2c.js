#!/usr/bin/env node
'use strict';
try {
  require.resolve('../dist/index.js');
} catch {
  console.error('c2c is not built yet: run `npm install` (or `npm run build`) at the repository root.');
  process.exit(1);
}
require('../dist/index.js').main(process.argv);
