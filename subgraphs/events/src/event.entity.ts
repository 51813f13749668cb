import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Imperative } from '@c2c/kernel';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { EngagementLevel } from './engagement-level.enum';
import { EventType } from './event-type.enum';
import { eventNaturalKey } from './event-key.logic';

@Entity({ tableName: 'event' })
// Every read is "this organisation's events, newest first": the pair serves it from the index alone,
// and its leading column indexes organizationId for everything else.
@Index({ properties: ['organizationId', 'date'] })
@ObjectType({
  description:
    'An event a partner organisation held (the Imperative #2 event fields). Readable only by staff of the organisation that held it; others see aggregates.',
})
@Directive('@key(fields: "id")')
export class Event {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'imperative' | 'naturalKey' | 'importId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string = randomUUID();

  // Exposed only as `organization` (a federation reference), never as a raw id field.
  @Property({ type: 'uuid' })
  organizationId: string;

  @Property({ length: 200 })
  @Field({ description: 'Title of the event, as the organisation names it (1–200 characters).' })
  title: string;

  // An ISO calendar date kept as text: events have no time zone, and text compares in date order.
  @Property({ type: 'string', length: 10 })
  @Index()
  @Field({ description: 'Date of the event, an ISO calendar date (YYYY-MM-DD).' })
  date: string;

  // Plain string columns, not @Enum: MikroORM's SQLite introspection misreads enum CHECK
  // constraints and would report a schema difference forever. The GraphQL enums and the
  // input validation guard every write.
  @Property({ type: 'string', length: 40 })
  @Field(() => EventType, { description: 'Kind of activity.' })
  type: EventType;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What happened, in the organisation’s words.' })
  description?: string | null;

  @Property({ length: 200 })
  @Field({ description: 'Street address where the event took place.' })
  street: string;

  @Property({ length: 100 })
  @Field({ description: 'City where the event took place.' })
  city: string;

  @Property({ length: 10 })
  @Field({ description: 'Five-digit ZIP code where the event took place.' })
  zip: string;

  @Property({ length: 200 })
  @Field({ description: 'Who the event was for, e.g. "Parents and caregivers with children 0-5".' })
  targetAudience: string;

  @Property({ type: 'string', length: 40 })
  @Field(() => EngagementLevel, { description: 'How deeply participants engaged.' })
  engagementLevel: EngagementLevel;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Number of attendees.' })
  attendees: number;

  @Property({ type: 'string', length: 40 })
  @Field(() => Imperative, { description: 'Imperative the event is reported under (early childhood unless stated).' })
  imperative: Imperative = Imperative.EARLY_CHILDHOOD;

  // The natural key (event-key.logic.ts): a re-import finds the event again by it, and the
  // unique index makes two copies of one event impossible however they arrive.
  // Nullable only so the column could be added to a table with rows; the migration fills it and every write sets it.
  @Property({ length: 64, nullable: true, onCreate: (e: Event) => eventNaturalKey(e), onUpdate: (e: Event) => eventNaturalKey(e) })
  @Unique()
  naturalKey: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The spreadsheet import that created the event; null for one recorded by hand.' })
  importId?: string | null = null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the record was added to the hub.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field({ description: 'When the record last changed.' })
  updatedAt: Date = new Date();
}
