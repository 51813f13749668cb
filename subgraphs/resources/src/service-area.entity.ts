import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'service_area' })
@Index({ properties: ['serviceId'] })
@Index({ properties: ['postalCode'] })
@ObjectType({ description: 'A ZIP code a service serves (an HSDS 3 service_area). Public with its service.' })
export class ServiceArea {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  serviceId: string;

  @Property({ length: 20, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The postal (ZIP) code served; null for an area described only in words (an imported HSDS area).',
  })
  postalCode?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Name of the area, in words.' })
  name?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description of the area.' })
  description?: string | null;
}
