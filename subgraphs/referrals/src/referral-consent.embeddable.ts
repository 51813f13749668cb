import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ConsentMethod, ConsentScope } from './referral-codes.enum';

/**
 * The family's consent to share its details with the receiving organisation, as the referring
 * staff member recorded it. Without consent in force covering a kind of data, that data does
 * not reach the receiver (`referral-privacy.logic.ts`).
 */
@Embeddable()
@ObjectType('ReferralConsent', { description: 'The family’s consent to share its details with the receiving organisation.' })
export class ReferralConsent {
  @Property({ length: 200 })
  @Field({ description: 'Who gave the consent.' })
  givenByName: string;

  @Property({ length: 100 })
  @Field({ description: 'Their relationship to the child or family (parent, guardian, self…).' })
  givenByRelationship: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => ConsentMethod, { description: 'How the consent was given.' })
  method: ConsentMethod;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the consent was given.' })
  givenAt: Date;

  @Property({ type: 'json' })
  @Field(() => [ConsentScope], { description: 'What the consent lets the referring organisation share.' })
  covers: ConsentScope[];

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the consent lapses; null when it does not.' })
  expiresAt?: Date | null;
}
