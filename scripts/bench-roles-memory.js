// Heap bytes per student of the map the CLI holds while it reads a OneRoster 1.2 users.csv
// (cli/src/commands/sync-oneroster.ts: user sourcedId → primary org sourcedId, org ids interned),
// built the same way from fresh strings as CSV parsing yields them, for a few sizes in one run.
// node --expose-gc scripts/bench-roles-memory.js [students,…]
const sizes = (process.argv[2] ?? '10000,150000,1000000').split(',').map(Number);
const orgs = Array.from({ length: 300 }, (_, i) => `org-sch-222-${String(i).padStart(4, '0')}`);
if (!global.gc) throw new Error('run with node --expose-gc');

function measure(n, interned) {
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const roles = new Map();
  const orgIds = new Map();
  for (let i = 0; i < n; i++) {
    const user = ` usr-222-${1e9 + i} `.trim();
    let org = ` ${orgs[i % orgs.length]} `.trim();
    if (interned) {
      if (!orgIds.has(org)) orgIds.set(org, org);
      org = orgIds.get(org);
    }
    roles.set(user, org);
  }
  global.gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { students: roles.size, interned, mb: +(bytes / 1e6).toFixed(1), bytesPerStudent: Math.round(bytes / n) };
}

for (const n of sizes) for (const interned of [false, true]) console.log(JSON.stringify(measure(n, interned)));
