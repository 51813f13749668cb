import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { Referral } from '../src/referral.entity';
import { ReferralStatusChange } from '../src/referral-status-change.entity';
import { universe } from './fixtures';

describe('referrals subgraph: schema, migrations and seed', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(referrals, { seed: true });
  });
  afterAll(() => sg.close());

  it('has no schema difference left after migrating', async () => {
    const diff = await sg.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('declares its federation keys: resolvable Referral and Organization, reference-only Service and Student', () => {
    const squashed = sg.sdl.replace(/\s+/g, ' ');
    expect(squashed).toContain('type Referral @key(fields: "id")');
    expect(squashed).toContain('type Organization @key(fields: "id")');
    expect(squashed).toContain('type Service @key(fields: "id", resolvable: false)');
    expect(squashed).toContain('type Student @key(fields: "id", resolvable: false)');
    // The raw foreign keys stay in the database.
    const referralType = /\ntype Referral\b[^]*?\n}/.exec(sg.sdl)![0];
    expect(referralType).not.toMatch(/OrganizationId|serviceId|studentId/);
  });

  it('seeds every demo referral with a history consistent with its status', async () => {
    const em = sg.em();
    expect(await em.count(Referral, {})).toBe(universe.referrals.length);
    const notSent = universe.referrals.filter((r) => r.status !== 'SENT');
    expect(await em.count(ReferralStatusChange, {})).toBe(universe.referrals.length + notSent.length);
    const withdrawn = notSent.find((r) => r.status === 'WITHDRAWN')!;
    const history = await em.find(ReferralStatusChange, { referral: withdrawn.id }, { orderBy: { changedAt: 'asc' } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.changedByOrganizationId, h.changedAt.toISOString()])).toEqual([
      [null, 'SENT', withdrawn.fromOrganizationId, withdrawn.createdAt],
      ['SENT', 'WITHDRAWN', withdrawn.fromOrganizationId, withdrawn.updatedAt],
    ]);
  });
});
