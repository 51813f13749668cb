import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** Kept under its own id, like a location: several services of one organisation share it. */
@Entity({ tableName: 'program' })
@ObjectType({
  description:
    'A programme of an organisation that groups related services, e.g. a summer learning programme (an HSDS 3 program). Public with its services.',
})
export class Program {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier (e.g. the HSDS program id).' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  organizationId: string;

  @Property({ length: 200 })
  @Field({ description: 'Name of the programme.' })
  name: string;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Another name it is known by (HSDS alternate_name).' })
  alternateName?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'What the programme is, in words.' })
  description: string;
}
