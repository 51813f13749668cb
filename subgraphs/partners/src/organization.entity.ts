import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Imperative, ENTITIES, ENTITY_KEY_DESCRIPTION } from '@c2c/kernel';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Sector } from './sector.enum';

@Entity({ tableName: 'organization' })
@ObjectType({ description: ENTITIES.Organization.description })
@Directive('@key(fields: "id")')
export class Organization {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'imperatives';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: ENTITY_KEY_DESCRIPTION })
  id: string = randomUUID();

  @Property({ length: 200 })
  @Index()
  @Field({ description: 'Public name.' })
  name: string;

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints
  // and would report a schema difference forever. The GraphQL enum validates every write.
  @Property({ type: 'string', length: 40 })
  @Field(() => Sector, { description: 'Sector the organisation belongs to.' })
  sector: Sector;

  @Property({ type: 'json' })
  @Field(() => [Imperative], { description: 'Imperatives the organisation serves.' })
  imperatives: Imperative[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the organisation does, in a sentence or two.' })
  description?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Street address of the main site.' })
  street?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'City of the main site.' })
  city?: string | null;

  @Property({ length: 2, nullable: true })
  @Field(() => String, { nullable: true, description: 'Two-letter state code.' })
  state?: string | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'ZIP code of the main site.' })
  zip?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Latitude of the main site (WGS84).' })
  latitude?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Longitude of the main site (WGS84).' })
  longitude?: number | null;

  @Property({ length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: 'Public website.' })
  website?: string | null;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Public phone number.' })
  phone?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Public contact email.' })
  email?: string | null;

  @Property({ length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: 'Legal name (private: hub operators and the organisation’s staff).' })
  legalName?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Name of the person the hub contacts (private).' })
  contactName?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Email of the person the hub contacts (private).' })
  contactEmail?: string | null;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Phone of the person the hub contacts (private).' })
  contactPhone?: string | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the organisation was added to the hub.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field({ description: 'When the profile last changed.' })
  updatedAt: Date = new Date();
}
