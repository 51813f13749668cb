import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** HSDS service_at_location: a service delivered at a location. */
@Entity({ tableName: 'service_at_location' })
@Unique({ properties: ['serviceId', 'locationId'] })
export class ServiceAtLocation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ type: 'uuid' })
  @Index()
  locationId: string;
}
