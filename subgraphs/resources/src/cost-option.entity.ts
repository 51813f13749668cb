import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';

/** What a service costs, as structured data beside the `fees` words, after HSDS 3 cost_option. */
@Entity({ tableName: 'cost_option' })
@ObjectType({
  description: 'One price of a service: an amount, who it applies to and when (an HSDS 3 cost_option). Public with its service.',
})
export class CostOption {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who or what the price applies to, e.g. "Under 18s and over 60s" (HSDS option).' })
  option?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'The amount, in `currency`; null when only described in words.' })
  amount?: number | null;

  @Property({ length: 3, nullable: true })
  @Field(() => String, { nullable: true, description: 'Three-letter ISO 4217 currency code of the amount, uppercase (e.g. `USD`).' })
  currency?: string | null;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'What the amount is for, e.g. "per one-hour session" (HSDS amount_description).' })
  amountDescription?: string | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'First date (YYYY-MM-DD) the price applies; null for no start.' })
  validFrom?: string | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'Last date (YYYY-MM-DD) the price applies; null for no end.' })
  validTo?: string | null;
}
