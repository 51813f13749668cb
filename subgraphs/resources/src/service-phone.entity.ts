import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'service_phone' })
@ObjectType({ description: 'A phone number of a service (an HSDS 3 phone). Public with its service.' })
export class ServicePhone {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ length: 40 })
  @Field({ description: 'The number as dialled.' })
  number: string;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'Extension, if any.' })
  extension?: string | null;

  @Property({ length: 20 })
  @Field({ description: 'HSDS phone type: voice, fax, text, cell, video, pager or textphone.' })
  type: string = 'voice';

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'When and what to call about.' })
  description?: string | null;
}
