import { buildSubgraph, createLogger, Loaders, testing, type HubContext } from '@c2c/kernel';
import { PARTNER_STUDENT_FIELDS, students } from '@c2c/students';
import { graphql, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLNamedType } from 'graphql';
import { readStudentField } from '../src/student.rules';
import { errorCodes } from './fixtures';

describe('students subgraph: schema and rule tree', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(students);
  });
  afterAll(() => sg.close());

  /** The subgraph's own types: not GraphQL's built-ins, not federation's. */
  const ownTypes = () =>
    Object.values(sg.schema.getTypeMap()).filter(
      (t: GraphQLNamedType) => !t.name.startsWith('_') && !t.name.startsWith('link__') && !t.name.startsWith('federation__') && !isSpecifiedScalarType(t),
    );

  it('has no schema difference left after migrating', async () => {
    const diff = await sg.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes()) {
      // The root Query type is not ours to describe: type-graphql builds it.
      if (!type.description && type !== sg.schema.getQueryType()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.name.startsWith('_')) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
    expect(ownTypes().map((t) => t.name)).toEqual(expect.arrayContaining(['Student', 'Enrollment', 'ProgramParticipation', 'Disclosure', 'Organization', 'RecordStatus']));
  });

  it('declares Student and Organization as entities keyed by id, and no mutations yet', () => {
    expect(sg.sdl).toMatch(/type Student\s+@key\(fields: "id"\)/);
    expect(sg.sdl).toMatch(/type Organization\s+@key\(fields: "id"\)/);
    expect(sg.schema.getMutationType()).toBeUndefined();
    expect(sg.schema.getSubscriptionType()).toBeUndefined();
  });

  it('guards every Student field with the row-checking rule, and lets partners read exactly five fields and their participations', () => {
    expect(students.rules.Student).toBe(readStudentField);
    expect([...PARTNER_STUDENT_FIELDS].sort()).toEqual(['familyName', 'givenName', 'grade', 'id', 'programParticipations', 'school']);
    const studentFields = Object.keys((sg.schema.getType('Student') as any).getFields());
    for (const f of PARTNER_STUDENT_FIELDS) expect(studentFields).toContain(f);
  });

  it('names a rule for every object type it defines; nothing else is reachable', () => {
    const objects = ownTypes().filter(isObjectType).map((t) => t.name);
    const kernelOwned = ['PageInfo'];
    expect(objects.filter((n) => !(n in students.rules) && !kernelOwned.includes(n))).toEqual([]);
  });

  it('denies a field left out of the rule tree, even to the district', async () => {
    const { Query, ...rest } = students.rules;
    const { disclosures: _left, ...query } = Query;
    const { schema } = await buildSubgraph({ ...students, rules: { ...rest, Query: query } });
    const contextValue: HubContext = { em: sg.em(), viewer: testing.viewerFor('district_admin'), loaders: new Loaders(), requestId: 'r', log: createLogger('students', 'silent'), after: [] };
    const res = await graphql({ schema, source: '{ disclosures { totalCount } }', contextValue });
    expect(errorCodes(res)).toEqual({ disclosures: 'FORBIDDEN' });
    const full = await sg.exec('{ disclosures { totalCount } }', {}, testing.viewerFor('district_admin'));
    expect(full.errors).toBeUndefined();
  });
});
