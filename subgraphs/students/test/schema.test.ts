import { buildSubgraph, createLogger, Loaders, type HubContext } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { PARTNER_STUDENT_FIELDS, students } from '@c2c/students';
import { graphql, isObjectType, isSpecifiedScalarType, type GraphQLNamedType } from 'graphql';
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
      (t: GraphQLNamedType) =>
        !t.name.startsWith('_') && !t.name.startsWith('link__') && !t.name.startsWith('federation__') && !isSpecifiedScalarType(t),
    );

  it('has no schema difference left after migrating', async () => {
    const diff = await sg.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('declares Student and Organization as entities keyed by id, and only the SIS sync and the participation mutations', () => {
    expect(sg.sdl).toMatch(/type Student\s+@key\(fields: "id"\)/);
    expect(sg.sdl).toMatch(/type Organization\s+@key\(fields: "id"\)/);
    const mutations = Object.keys(sg.schema.getMutationType()!.getFields()).sort();
    expect(mutations).toEqual(Object.keys(students.rules.Mutation).sort());
    const participation = ['assignCaseload', 'enrolParticipant', 'exitProgram', 'recordConsent', 'revokeConsent', 'unassignCaseload'];
    expect(mutations.filter((m) => !/^(upsert|startSync|finishSync|reportSync|syncRows)/.test(m))).toEqual(participation);
    expect(sg.schema.getSubscriptionType()).toBeUndefined();
  });

  /** The rule graphql-shield applies to a field: the type's own rule, or the field's in a field map (none: denied). */
  const ruleFor = (type: string, field: string): { name?: string } | undefined => {
    const entry = students.rules[type];
    if (entry && typeof entry.resolve === 'function') return entry;
    return entry?.[field];
  };

  it('guards every Student field with the row-checking rule, and lets partners read exactly five fields and their participations', () => {
    // Every field of the built Student type, not a list kept beside the rules.
    const student = sg.schema.getType('Student');
    if (!isObjectType(student)) throw new Error('Student is not an object type');
    const unguarded = Object.keys(student.getFields()).filter((f) => ruleFor('Student', f)?.name !== 'readStudentField');
    expect(Object.keys(student.getFields()).length).toBeGreaterThan(PARTNER_STUDENT_FIELDS.size);
    expect(unguarded).toEqual([]);
    // A type-wide rule, not a field map: a field added later is guarded from the start.
    expect(typeof students.rules.Student.resolve).toBe('function');
    expect(readStudentField.name).toBe('readStudentField');
    expect([...PARTNER_STUDENT_FIELDS].sort()).toEqual(['familyName', 'givenName', 'grade', 'id', 'programParticipations', 'school']);
    const studentFields = Object.keys((sg.schema.getType('Student') as any).getFields());
    for (const f of PARTNER_STUDENT_FIELDS) expect(studentFields).toContain(f);
  });

  it('names a rule for every object type it defines; nothing else is reachable', () => {
    const objects = ownTypes()
      .filter(isObjectType)
      .map((t) => t.name);
    expect(objects).toEqual(expect.arrayContaining(['Student', 'Enrollment', 'ProgramParticipation', 'Disclosure', 'Organization']));
    const kernelOwned = ['PageInfo'];
    expect(objects.filter((n) => !(n in students.rules) && !kernelOwned.includes(n))).toEqual([]);
    // And every field of those types, read from the built schema: a field map that forgot one
    // would leave it denied to everyone. Federation's own fields (`_entities`, `_service`) are the kernel's.
    const withoutRule = ownTypes()
      .filter(isObjectType)
      .filter((t) => !kernelOwned.includes(t.name))
      .flatMap((t) =>
        Object.keys(t.getFields())
          .filter((f) => !f.startsWith('_') && !ruleFor(t.name, f))
          .map((f) => `${t.name}.${f}`),
      );
    expect(withoutRule).toEqual([]);
  });

  it('denies a field left out of the rule tree, even to the district', async () => {
    const { Query, ...rest } = students.rules;
    const { disclosures: _left, ...query } = Query;
    const { schema } = await buildSubgraph({ ...students, rules: { ...rest, Query: query } });
    const contextValue: HubContext = {
      em: sg.em(),
      viewer: testing.viewerFor('district_admin'),
      loaders: new Loaders(),
      requestId: 'r',
      log: createLogger('students', 'silent'),
      after: [],
    };
    const res = await graphql({ schema, source: '{ disclosures { totalCount } }', contextValue });
    expect(errorCodes(res)).toEqual({ disclosures: 'FORBIDDEN' });
    const full = await sg.exec('{ disclosures { totalCount } }', {}, testing.viewerFor('district_admin'));
    expect(full.errors).toBeUndefined();
  });
});
