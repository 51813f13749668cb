import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Referral } from './referral.entity';

/** A message in a referral's thread, between the two organisations' staff. Only ever inserted. */
@Entity({ tableName: 'referral_comment' })
@Index({ properties: ['referral', 'createdAt'] })
@ObjectType('ReferralComment', { description: 'A message in a referral’s thread, readable by staff of both organisations.' })
export class ReferralComment {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier of this comment.' })
  id: string = randomUUID();

  @ManyToOne(() => Referral, { deleteRule: 'cascade' })
  referral: Referral;

  @Property({ type: 'text' })
  @Field({ description: 'The message (at most 2000 characters).' })
  body: string;

  @Property({ length: 200 })
  @Field({ description: 'Subject (`sub`) of the token of the staff member who wrote it.' })
  authorSub: string;

  @Property({ type: 'uuid' })
  authorOrganizationId: string;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was written.' })
  createdAt: Date = new Date();
}
