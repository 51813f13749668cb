import type { Command } from 'commander';
import { maxTokenLifetimeSeconds, mintToken, readEnv, ROLES, type Role } from '@c2c/kernel';
import { demoStaffSubject, demoUniverse } from '@c2c/demo';

/** Accepts an organisation id or, in development, a demo organisation's slug. */
export function resolveOrg(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bySlug = demoUniverse().organizations.find((o) => o.slug === value);
  return bySlug?.id ?? value;
}

export function registerToken(program: Command) {
  program
    .command('token')
    .description(
      'Mint a development token for a role (and organisation). Refused in production, where tokens come from the identity provider.',
    )
    .option('--role <role>', `one of: ${ROLES.join(', ')} (repeat with commas for several); or use --staff`)
    .option('--staff <email|id>', 'a seeded demo staff member (email or id): the token carries their roles, organisation and subject')
    .option('--org <id|slug>', 'organisation id, or a demo organisation slug such as robotics-for-all')
    .option('--sub <subject>', 'subject (user or service id) of the token')
    .option('--ttl <seconds>', 'lifetime in seconds', (v) => Number(v), 3600)
    .option('--json', 'print the token and its claims as JSON')
    .action(async (opts) => {
      const env = readEnv();
      if (env.production) throw new Error('c2c token is for development only; production tokens come from the identity provider.');
      if (!env.jwtSecret) throw new Error('c2c token needs C2C_JWT_SECRET (a JWKS deployment cannot mint tokens).');
      if (opts.staff) {
        // A seeded staff member: the same subject, roles and organisation the partners subgraph records for them.
        const person = demoUniverse().staff.find((x) => x.email === String(opts.staff).toLowerCase() || x.id === opts.staff);
        if (!person) throw new Error(`No demo staff member ${opts.staff}; see staffMembers in the graph`);
        if (!person.active) throw new Error(`${person.email} is inactive`);
        opts.role = person.roles.join(',');
        opts.org = person.organizationId ?? undefined;
        opts.sub = person.subject;
      }
      if (!opts.role) throw new Error('Give --role (and --org) or --staff');
      const roles = String(opts.role)
        .split(',')
        .map((r) => r.trim()) as Role[];
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length) throw new Error(`Unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
      // An administrator is its organisation's staff member too (as the hub reads its token).
      if (roles.includes('partner_admin') && !roles.includes('partner_staff')) roles.unshift('partner_staff');
      const org = resolveOrg(opts.org);
      if (roles.includes('partner_staff') && !org) throw new Error('partner_staff and partner_admin tokens need --org');
      const maxTtl = maxTokenLifetimeSeconds();
      if (!Number.isInteger(opts.ttl) || opts.ttl < 1 || opts.ttl > maxTtl) throw new Error(`--ttl must be 1..${maxTtl} seconds`);
      // Partner tokens count only for an active staff record of their organisation: use a seeded one.
      const staffSubject =
        roles.includes('partner_staff') && org
          ? demoStaffSubject(org, roles.includes('partner_admin') ? 'partner_admin' : 'partner_staff')
          : undefined;
      const sub = opts.sub ?? staffSubject ?? `dev-${roles.join('-')}${org ? `-${org.slice(0, 8)}` : ''}`;
      const token = await mintToken({
        secret: env.jwtSecret,
        sub,
        roles,
        org,
        ttlSeconds: opts.ttl,
        issuer: env.jwtIssuer,
        audience: env.jwtAudience,
      });
      if (opts.json) console.log(JSON.stringify({ token, sub, roles, org: org ?? null, expiresIn: opts.ttl }));
      else console.log(token);
    });
}
