import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '@c2c/kernel';

/**
 * No Docker engine runs in CI, so the compose file is checked against what the code
 * expects: the services, ports, entry points, databases and variables the processes read.
 */
describe('docker-compose.yml', () => {
  const root = path.resolve(__dirname, '..');
  const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
  const services = compose.services as Record<string, any>;

  it('defines PostgreSQL, the five subgraphs and the gateway, and nothing else', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', ...SUBGRAPH_NAMES].sort());
  });

  it.each(SUBGRAPH_NAMES)('runs the %s subgraph on its port with its own database and the shared secrets', (name) => {
    const svc = services[name];
    expect(svc.command).toEqual(['node', `subgraphs/${name}/dist/main.js`]);
    expect(fs.existsSync(path.join(root, 'subgraphs', name, 'src', 'main.ts'))).toBe(true);
    expect(svc.environment.PORT).toBe(String(DEFAULT_PORTS[name]));
    expect(svc.environment.NODE_ENV).toBe('production');
    const db = new URL(svc.environment.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x'));
    expect(db.protocol).toBe('postgres:');
    expect(db.hostname).toBe('postgres');
    expect(db.pathname).toBe(`/c2c_${name}`);
    expect(svc.environment.C2C_JWT_SECRET).toMatch(/^\$\{C2C_JWT_SECRET:\?/);
    expect(svc.environment.C2C_SUBGRAPH_SECRET).toMatch(/^\$\{C2C_SUBGRAPH_SECRET:\?/);
    expect(svc.depends_on.postgres.condition).toBe('service_healthy');
    expect(svc.ports).toBeUndefined(); // only the gateway is published
  });

  it('gives every subgraph a database of its own', () => {
    const dbs = SUBGRAPH_NAMES.map((n) => new URL(services[n].environment.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x')).pathname);
    expect(new Set(dbs).size).toBe(SUBGRAPH_NAMES.length);
  });

  it('publishes the gateway on 4000 and points it at every subgraph by service name', () => {
    const gw = services.gateway;
    expect(gw.command).toEqual(['node', 'gateway/dist/main.js']);
    expect(gw.ports).toEqual(['4000:4000']);
    for (const name of SUBGRAPH_NAMES) {
      expect(gw.environment[`C2C_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
    }
    expect(gw.environment.C2C_SUBGRAPH_SECRET).toBe(services.partners.environment.C2C_SUBGRAPH_SECRET);
  });

  it("points every subgraph at the gateway's key set for API-key tokens, and passes the identity provider and signing keys through", () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(services[name].environment.C2C_GATEWAY_JWKS_URL).toBe(
        `http://gateway:${services.gateway.environment.PORT}/.well-known/jwks.json`,
      );
      expect(services[name].environment.C2C_JWKS_URL).toBe('${C2C_JWKS_URL:-}');
    }
    expect(services.gateway.environment.C2C_GATEWAY_SIGNING_KEYS).toBe('${C2C_GATEWAY_SIGNING_KEYS:-}');
  });

  it('only sets variables the code reads', () => {
    const read = new Set<string>();
    const sources = [
      'kernel/src/env.ts',
      'kernel/src/server.ts',
      'gateway/src/config.ts',
      'subgraphs/referrals/src/referral-deadline.logic.ts',
      'subgraphs/referrals/src/notification-adapter.logic.ts',
    ].map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
    for (const src of sources) for (const m of src.matchAll(/(?:source|process\.env)\.([A-Z0-9_]+)/g)) read.add(m[1]);
    for (const src of sources) for (const m of src.matchAll(/(?:readPort\(|intFrom\(source, )'([A-Z0-9_]+)'/g)) read.add(m[1]);
    const dynamic = (v: string) => /^C2C_(PARTNERS|RESOURCES|REFERRALS|EVENTS|STUDENTS)_(URL|PORT)$/.test(v);
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'postgres') continue;
      for (const variable of Object.keys(svc.environment)) {
        expect({ variable, known: read.has(variable) || dynamic(variable) }).toEqual({ variable, known: true });
      }
    }
  });

  it('builds the image on Node 24 LTS from the committed lock', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).not.toMatch(/npm install\b/);
    // npm ci needs every workspace's package.json before the sources are copied.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const ws of pkg.workspaces as string[]) expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
  });

  it('declares the supported Node versions where npm and c2c read them', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('>=22');
    expect(fs.readFileSync(path.join(root, 'cli', 'bin', 'c2c.js'), 'utf8')).toMatch(/MIN_NODE_MAJOR = 22;/);
  });

  it.each(SUBGRAPH_NAMES.filter((n) => n !== 'partners'))(
    'points %s at partners for the staff directory and agreements (a partner token is checked on every subgraph)',
    (name) => {
      expect(services[name].environment.C2C_PARTNERS_URL).toBe(`http://partners:${DEFAULT_PORTS.partners}/graphql`);
    },
  );

  it('points referrals at the owners of the services and students it verifies', () => {
    expect(services.referrals.environment.C2C_RESOURCES_URL).toBe(`http://resources:${DEFAULT_PORTS.resources}/graphql`);
    expect(services.referrals.environment.C2C_STUDENTS_URL).toBe(`http://students:${DEFAULT_PORTS.students}/graphql`);
  });
});
