import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'accessibility' })
@ObjectType({
  description:
    'An arrangement for people with disabilities at a location: step-free access, a hearing loop… (an HSDS 3 accessibility). Public with its location.',
})
export class Accessibility {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  locationId: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The arrangement, in words (e.g. "Wheelchair access on all floors").' })
  description?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'More about it, e.g. how to use it (HSDS details).' })
  details?: string | null;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'A web page about the arrangement (http or https).' })
  url?: string | null;
}
