import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { SUBGRAPH_NAMES } from '@c2c/kernel';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, parse } from 'graphql';
import { emitSchema, SCHEMA_DIR, schemaFiles } from '../src/compose';

/**
 * schema/ is the contract partner developers and other federation engines read. The build
 * fails when code and committed SDL drift, or when the subgraphs no longer compose.
 */
describe('committed schema', () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    files = schemaFiles(await emitSchema());
  });

  it('composes, and the committed files match what the code emits (run `npm run schema` after a change)', () => {
    for (const [file, text] of Object.entries(files)) {
      const committed = path.join(SCHEMA_DIR, file);
      expect({ file, exists: fs.existsSync(committed) }).toEqual({ file, exists: true });
      expect({ file, sdl: fs.readFileSync(committed, 'utf8') }).toEqual({ file, sdl: text });
    }
  });

  it('declares the federation keys of the shared entities', () => {
    expect(files['partners.graphql']).toMatch(/type Organization\s+@key\(fields: "id"\)/);
    expect(files['resources.graphql']).toMatch(/type Service\s+@key\(fields: "id"\)/);
    expect(files['students.graphql']).toMatch(/type Student\s+@key\(fields: "id"\)/);
    expect(files['referrals.graphql']).toMatch(/type Student\s+@key\(fields: "id", resolvable: false\)/);
    expect(files['supergraph.graphql']).toMatch(/@join__graph\(name: "students"/);
  });

  // The one documentation check of the repository: every subgraph's SDL and the supergraph's API.
  it('documents every type, field, argument and enum value of every subgraph (the SDL is the API documentation)', () => {
    expect(Object.keys(files).sort()).toEqual([...SUBGRAPH_NAMES.map((n) => `${n}.graphql`), 'supergraph.graphql'].sort());
    const undocumented: string[] = [];
    const internal = (name: string) => name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');
    let checked = 0;
    for (const [file, sdl] of Object.entries(files)) {
      if (file === 'supergraph.graphql') continue;
      for (const def of parse(sdl).definitions) {
        if (!('name' in def) || !def.name || internal(def.name.value)) continue;
        checked++;
        const type = def.name.value;
        const isRoot = type === 'Query' || type === 'Mutation' || type === 'Subscription';
        const isExtension = def.kind.endsWith('Extension');
        // Custom scalars too (DateTimeISO…): a client reads their format there.
        if (!isRoot && !isExtension && 'description' in def && !def.description) undocumented.push(`${file}: ${type}`);
        const members = ('fields' in def ? def.fields : 'values' in def ? def.values : undefined) ?? [];
        for (const m of members as readonly any[]) {
          if (internal(m.name.value)) continue;
          if (!m.description) undocumented.push(`${file}: ${type}.${m.name.value}`);
          for (const arg of m.arguments ?? [])
            if (!arg.description) undocumented.push(`${file}: ${type}.${m.name.value}(${arg.name.value})`);
        }
      }
    }
    // The supergraph as clients see it (its API schema: no join__/link__ machinery), where
    // composition may have dropped or picked between the subgraphs' descriptions.
    const api = Supergraph.build(files['supergraph.graphql']).apiSchema().toGraphQLJSSchema();
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      checked++;
      const isRoot = type === api.getQueryType() || type === api.getMutationType() || type === api.getSubscriptionType();
      if (!isRoot && !type.description) undocumented.push(`supergraph.graphql: ${type.name}`);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`supergraph.graphql: ${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description) undocumented.push(`supergraph.graphql: ${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const v of type.getValues()) if (!v.description) undocumented.push(`supergraph.graphql: ${type.name}.${v.name}`);
    }
    expect(undocumented).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
