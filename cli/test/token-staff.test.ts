import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTokenVerifier, DEV_JWT_SECRET } from '@c2c/kernel';
import * as demo from '@c2c/demo';

const BIN = path.resolve(__dirname, '..', 'bin', 'c2c.js');
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_ENV: 'development', C2C_JWT_SECRET: '' }, encoding: 'utf8' });

describe('c2c token --staff', () => {
  const verify = createTokenVerifier({ jwtSecret: DEV_JWT_SECRET, jwtIssuer: 'c2c-hub', jwtAudience: 'c2c-hub' });
  const u = demo.demoUniverse();

  it('mints a token for a seeded staff member: their subject, roles and organisation', async () => {
    const person = u.staff.find((s) => s.active && s.roles.includes('partner_staff'))!;
    const res = run(['token', '--staff', person.email.toUpperCase(), '--json']);
    expect(res.status).toBe(0);
    expect(await verify(JSON.parse(res.stdout).token)).toMatchObject({
      sub: person.subject,
      roles: person.roles,
      org: person.organizationId,
    });
  });

  it('refuses an inactive or unknown staff member, and a call with neither --role nor --staff', () => {
    expect(run(['token', '--staff', u.staff.find((s) => !s.active)!.email]).stderr).toMatch(/inactive/);
    expect(run(['token', '--staff', 'nobody@example.org']).stderr).toMatch(/No demo staff member/);
    expect(run(['token']).stderr).toMatch(/--role .* or --staff/);
  });
});
