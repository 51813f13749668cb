import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { LocationType } from './location-type.enum';

@Entity({ tableName: 'location' })
@ObjectType({
  description:
    'A place where services are delivered, physical or virtual (an HSDS 3 location with its address). Public when one of its services is.',
})
export class Location {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  @Index()
  organizationId?: string | null;

  @Property({ type: 'string', length: 20 })
  @Field(() => LocationType, { description: 'Physical, virtual or postal.' })
  locationType: LocationType = LocationType.PHYSICAL;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Name of the place (a building, a centre).' })
  name?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How to find it, what is there.' })
  description?: string | null;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Web address, for a virtual location.' })
  url?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Street address (HSDS address_1).' })
  street?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'State or province.' })
  state?: string | null;

  @Property({ length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: 'Postal (ZIP) code.' })
  postalCode?: string | null;

  @Property({ length: 2, nullable: true })
  @Field(() => String, { nullable: true, description: 'Two-letter ISO country code.' })
  country?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS84).' })
  latitude?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS84).' })
  longitude?: number | null;
}
