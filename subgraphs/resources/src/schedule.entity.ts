import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Weekday } from './weekday.enum';

/**
 * One weekly opening (a day with opening and closing times) or one closure (`closed`, over
 * the dates validFrom–validTo), after HSDS 3 schedules with freq WEEKLY. Times are local
 * wall-clock `HH:MM` in `timezone`, so "open now" follows daylight saving by itself.
 */
@Entity({ tableName: 'schedule' })
@Index({ properties: ['serviceId', 'weekday'] })
@ObjectType({
  description: 'When a service is open: one weekly opening, or a closure over some dates (HSDS schedule). Public with its service.',
})
export class Schedule {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  serviceId: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The location these hours apply to; null when they apply to the service everywhere.' })
  locationId?: string | null;

  @Property({ type: 'string', length: 2, nullable: true })
  @Field(() => Weekday, { nullable: true, description: 'Day of the week of this opening; null for a closure.' })
  weekday?: Weekday | null;

  @Property({ length: 5, nullable: true })
  @Field(() => String, { nullable: true, description: 'Opening time, local `HH:MM` (24-hour); null for a closure.' })
  opensAt?: string | null;

  @Property({ length: 5, nullable: true })
  @Field(() => String, { nullable: true, description: 'Closing time, local `HH:MM`, after opensAt; null for a closure.' })
  closesAt?: string | null;

  @Property({ length: 64 })
  @Field({ description: 'IANA time zone of the times and dates (e.g. `America/Detroit`).' })
  timezone: string;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'First local date (YYYY-MM-DD) this applies; null for no start.' })
  validFrom?: string | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'Last local date (YYYY-MM-DD) this applies; null for no end.' })
  validTo?: string | null;

  @Property({ type: 'boolean' })
  @Field({ description: 'True for a closure (a holiday, a closed week): the service is closed all day from validFrom to validTo.' })
  closed: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The hours or the closure in words.' })
  description?: string | null;
}
