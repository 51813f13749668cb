import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { normalizeId } from './ids';

/**
 * The entities that cross subgraphs, each described once, here. The owning subgraph uses the
 * description on its own type; every other subgraph gets its key-only type from `entityStub`.
 * Composition keeps one description per type, so a copy that drifted would be published.
 */
export const ENTITIES = {
  Organization: {
    owner: 'partners',
    description:
      'An organisation in the collaborative: a school, district, community partner, agency, provider or funder. Its public profile is readable by anyone; its private fields (legal name, private contact) by hub operators and its own staff.',
  },
  Service: {
    owner: 'resources',
    description:
      'A service an organisation offers families and young people (an HSDS 3 service): what it is, who it is for, what it costs and how to reach it. Anyone may read ACTIVE and TEMPORARILY_CLOSED services.',
  },
  Student: {
    owner: 'students',
    description:
      'A student of the district, as synchronised from its student information system (OneRoster users with role student). An education record protected by FERPA: the district reads every student; partner staff read a participant of their own programme only while that participation is active with active parental consent, and only a few fields.',
  },
} as const;

export type EntityName = keyof typeof ENTITIES;

/** The description of every entity's `id`, owner and stubs alike. */
export const ENTITY_KEY_DESCRIPTION = 'Stable identifier, the federation key.';

/** What a non-owning subgraph knows of an entity: its key. */
export interface EntityKey {
  id: string;
}

export interface EntityStubOptions {
  /**
   * false: this subgraph only points at the entity (`@key(..., resolvable: false)`) and never
   * answers `_entities` for it. true (default): it adds fields to the entity.
   */
  resolvable?: boolean;
}

/**
 * The key-only GraphQL type a non-owning subgraph declares for `name`, with the owner's
 * description. Call it once per subgraph (in its `<entity>.stub.ts`) and import that: each call
 * makes a new class, and each subgraph needs its own, because type-graphql attaches every
 * field resolver written for a class to that class in every schema built in the process.
 */
export function entityStub(name: EntityName, o: EntityStubOptions = {}): new () => EntityKey {
  const resolvable = o.resolvable ?? true;
  const Stub = class {
    id: string;
  };
  Object.defineProperty(Stub, 'name', { value: `${name}${resolvable ? 'Stub' : 'Pointer'}` });
  Field(() => ID, { description: ENTITY_KEY_DESCRIPTION })(Stub.prototype, 'id');
  Directive(resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')(Stub);
  ObjectType(name, { description: ENTITIES[name].description })(Stub);
  return Stub;
}

/**
 * `_entities` for a stub: the key is all this subgraph holds, so no SQL runs; the fields it
 * adds check who is asking when they are resolved. `normalizeKey` lowercases the id for
 * subgraphs that store the key lowercased (PostgreSQL returns UUIDs so).
 */
export function stubReference(name: EntityName, o: { normalizeKey?: boolean } = {}) {
  const key = o.normalizeKey ? (id: string) => normalizeId(id) : (id: string) => id;
  return { [name]: { __resolveReference: (ref: { id: string }): EntityKey => ({ id: key(ref.id) }) } };
}
