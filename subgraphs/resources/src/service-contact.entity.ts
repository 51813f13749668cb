import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'service_contact' })
@ObjectType({ description: 'A named contact for a service (an HSDS 3 contact): a role families can ask for. Public with its service.' })
export class ServiceContact {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Name of the person or the role.' })
  name?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Job title.' })
  title?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Email address.' })
  email?: string | null;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone?: string | null;
}
