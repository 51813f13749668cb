import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ContactChannel } from './referral-codes.enum';

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

  // Stored normalised (digits, with a leading + when given) so that the duplicate guard compares like with like.
  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Phone number to reach the family on, normalised to digits (E.164 style).' })
  phone?: string | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Email address to reach the family at (lower-cased).' })
  email?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  @Field(() => ContactChannel, { nullable: true, description: 'How the family prefers to be reached.' })
  preferredChannel?: ContactChannel | null;

  @Property({ length: 35, nullable: true })
  @Field(() => String, { nullable: true, description: 'The language the family prefers, as a BCP 47 tag (`en`, `es`, `ar`…).' })
  preferredLanguage?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'True when the family asked not to be contacted directly.' })
  doNotContact?: boolean | null;
}
