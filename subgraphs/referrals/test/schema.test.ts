import { testing } from '@c2c/kernel';
import { referrals } from '@c2c/referrals';
import { isEnumType, isInputObjectType, isObjectType, isScalarType, type GraphQLNamedType } from 'graphql';
import { Referral } from '../src/referral.entity';
import { ReferralStatusChange } from '../src/referral-status-change.entity';
import { universe } from './fixtures';

// Federation's own types and fields, and GraphQL's, are documented by their specifications.
const foreign = (name: string) => name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');

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

  it('documents every type, field, argument and enum value it declares', () => {
    const missing: string[] = [];
    const own = Object.values(sg.schema.getTypeMap()).filter(
      (t: GraphQLNamedType) => !foreign(t.name) && !(isScalarType(t) && ['String', 'Boolean', 'ID', 'Int', 'Float'].includes(t.name)),
    );
    expect(own.map((t) => t.name)).toEqual(expect.arrayContaining(['Referral', 'ReferralStatus', 'ReferralStatusChange', 'FamilyContact', 'Organization', 'Mutation']));
    for (const type of own) {
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (foreign(field.name)) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('declares its federation keys: resolvable Referral and Organization, reference-only Service and Student', () => {
    const squashed = sg.sdl.replace(/\s+/g, ' ');
    expect(squashed).toContain('type Referral @key(fields: "id")');
    expect(squashed).toContain('type Organization @key(fields: "id")');
    expect(squashed).toContain('type Service @key(fields: "id", resolvable: false)');
    expect(squashed).toContain('type Student @key(fields: "id", resolvable: false)');
    // The raw foreign keys stay in the database.
    expect(sg.sdl).not.toMatch(/OrganizationId|serviceId|studentId/);
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
