import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/**
 * Who to call about a referral for a family rather than an enrolled student (front-door
 * referrals): kept as columns of the referral itself, never as a person record of its own.
 */
@Embeddable()
@ObjectType('FamilyContact', { description: 'The family member to contact about a referral that names no enrolled student.' })
export class FamilyContact {
  @Property({ length: 200 })
  @Field({ description: 'Name of the parent, guardian or family member to contact.' })
  name: string;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Phone number to reach the family on.' })
  phone?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Email address to reach the family at.' })
  email?: string | null;
}
