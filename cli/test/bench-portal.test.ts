import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse, validate } from 'graphql';
import { PORTAL_BENCH_QUERIES } from '../src/commands/bench-portal';

/**
 * The portal benchmark only runs against PostgreSQL at region size, far from CI; a query in its
 * list that no longer matches the schema would surface there, an hour in. These checks hold the
 * list to the students subgraph's published SDL (every query it times is that subgraph's).
 */
describe('c2c bench-portal queries', () => {
  const sdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'students.graphql'), 'utf8');
  // The federation directives are declared by the gateway, not in the subgraph's printed SDL.
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });

  it.each(PORTAL_BENCH_QUERIES.map((q) => [q.name, q] as const))('%s validates and names its operation', (name, q) => {
    const doc = parse(q.query);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
    const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(ops.map((o) => o.name?.value)).toEqual([name]);
  });

  it('times the equity aggregates for the roles that read them', () => {
    const equity = PORTAL_BENCH_QUERIES.filter((q) => /equityReport\(/.test(q.query)).map((q) => [q.name, q.as]);
    expect(equity).toEqual([
      ['EquityBySchoolMonth', 'evaluator'],
      ['EquitySchoolMonthExact', 'district'],
      ['EquityDistrictYearSubgroups', 'district'],
      ['EquityPartnerProgramYear', 'partner'],
      ['EquityDistrictYear', 'district'],
    ]);
  });

  it('refuses an unknown name in --queries before it touches a database', () => {
    const bin = path.resolve(__dirname, '..', 'bin', 'c2c.js');
    const res = spawnSync(process.execPath, [bin, 'bench-portal', '--queries', 'EquityDistrictYear,Nope'], {
      encoding: 'utf8',
      // Nothing listens there: reaching the database would fail differently.
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/--queries: unknown Nope; one of CaseloadOverview,/);
  });
});
