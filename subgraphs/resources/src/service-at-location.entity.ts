import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** HSDS service_at_location: a service delivered at a location. */
@Entity({ tableName: 'service_at_location' })
@Unique({ properties: ['serviceId', 'locationId'] })
@ObjectType({
  description: 'A service delivered at one of its locations (HSDS service_at_location). Visible exactly when its service is.',
})
export class ServiceAtLocation {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier (the HSDS service_at_location id).' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ type: 'uuid' })
  @Index()
  locationId: string;
}
