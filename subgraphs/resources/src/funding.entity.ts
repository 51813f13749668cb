import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'funding' })
@ObjectType({ description: 'Where the money for a service comes from, in words (an HSDS 3 funding). Public with its service.' })
export class Funding {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ type: 'text' })
  @Field({ description: 'The source of funding, e.g. a grant or a public programme (HSDS source).' })
  source: string;
}
