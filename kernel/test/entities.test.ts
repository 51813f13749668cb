import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { allow, deny } from 'graphql-shield';
import { ENTITIES, ENTITY_KEY_DESCRIPTION, mergeRules, stableId, stubReference, type EntityName } from '@c2c/kernel';

describe('mergeRules', () => {
  it('combines rule trees by type and field', () => {
    const a = { Query: { one: allow }, Thing: { id: allow } };
    const b = { Query: { two: deny }, Other: allow };
    expect(mergeRules(a, b)).toEqual({ Query: { one: allow, two: deny }, Thing: { id: allow }, Other: allow });
    // The inputs are left as they were.
    expect(a.Query).toEqual({ one: allow });
  });

  it('fails loudly when a field gets two rules', () => {
    expect(() => mergeRules({ Query: { one: allow } }, { Query: { one: deny } })).toThrow('mergeRules: Query.one has two rules');
  });

  it('fails loudly when a type has a whole-type rule and field rules', () => {
    expect(() => mergeRules({ Thing: allow }, { Thing: { id: allow } })).toThrow(/Thing has a rule for the whole type/);
    expect(() => mergeRules({ Thing: { id: allow } }, { Thing: deny })).toThrow(/Thing has a rule for the whole type/);
  });
});

describe('entity stubs', () => {
  it('answers _entities with the key alone, normalised where asked', () => {
    const ref = stubReference('Organization').Organization.__resolveReference;
    expect(ref({ id: 'ABC' })).toEqual({ id: 'ABC' });
    expect(stubReference('Organization', { normalizeKey: true }).Organization.__resolveReference({ id: ' ABC ' })).toEqual({ id: 'abc' });
  });

  it("publishes the owner's description for every entity in the committed supergraph", () => {
    const sdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    const types = parse(sdl).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
    for (const name of Object.keys(ENTITIES) as EntityName[]) {
      const type = types.find((t) => t.name.value === name)!;
      expect({ name, description: type.description?.value }).toEqual({ name, description: ENTITIES[name].description });
      const id = type.fields!.find((f) => f.name.value === 'id')!;
      expect({ name, id: id.description?.value }).toEqual({ name, id: ENTITY_KEY_DESCRIPTION });
    }
  });
});

describe('stableId', () => {
  it('is a UUID that depends only on its parts', () => {
    const id = stableId('c2c-import', 'sal', 'a', 'b');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableId('c2c-import', 'sal', 'a', 'b')).toBe(id);
    expect(stableId('c2c-import', 'sal', 'a', 'c')).not.toBe(id);
  });
});
